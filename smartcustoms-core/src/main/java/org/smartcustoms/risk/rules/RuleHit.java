package org.smartcustoms.risk.rules;

/** A rule that evaluated to true, with the item (sequence number) it first fired on. */
public record RuleHit(Rule rule, int itemSequence) {
    /** Officer-readable explanation. */
    public String explain() {
        return "rule " + rule.ref() + " \"" + rule.name() + "\" (" + rule.threat() + ", weight " + rule.weight()
                + ", owner " + rule.owner() + ") fired on item " + itemSequence + ": " + rule.expression();
    }
}
