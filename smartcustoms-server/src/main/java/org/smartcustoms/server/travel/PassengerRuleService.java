package org.smartcustoms.server.travel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.travel.TravelRecords.PassengerRuleRow;
import org.smartcustoms.server.travel.TravelRecords.RuleOutcomes;
import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.PassengerRule;
import org.smartcustoms.travel.PassengerRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Analysts' rules over advance passenger data (CEL over {@link org.smartcustoms.travel.PassengerVariable}), stored in
 * the database and compiled into the {@link PassengerRules} in force, which pre-arrival screening and the gate
 * evaluate. Each rule's labelled outcomes (referrals it caused and the officers' results) come with the list, so an
 * analyst sees which rules find something. Changes are audited (RULE_CREATED, RULE_DISABLED).
 */
@Service
public class PassengerRuleService {
    private final TravelStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile PassengerRules inForce;

    PassengerRuleService(TravelStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.inForce = load();
    }

    /** A rule with its labelled outcomes: referrals it caused, officers' results recorded, findings among them. */
    public record RuleView(String id, String name, String expression, String reason, boolean enabled, String createdBy,
                           java.time.Instant createdAt, int referrals, int results, int findings) { }

    public record RuleDraft(String name, String expression, String reason) { }

    private static final char[] ID_LETTERS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final java.security.SecureRandom ID_RANDOM = new java.security.SecureRandom();

    /**
     * A new rule's id: "PR-" and 8 random letters and digits (40 bits; no 0/O/1/I to misread). Not a count of the rules:
     * two analysts creating rules at the same moment would get the same number and one of them a failure.
     */
    static String ruleId() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) c[i] = ID_LETTERS[ID_RANDOM.nextInt(ID_LETTERS.length)];
        return "PR-" + new String(c);
    }

    @Transactional
    public RuleView create(RuleDraft d, String actor) {
        if (d == null) throw new IllegalArgumentException("name, expression and reason are required");
        String id = ruleId();
        PassengerRule rule = new PassengerRule(id, d.name(), d.expression(), d.reason(), true);
        PassengerRules.check(rule); // RuleCompilationException: 400 with line and column
        PassengerRuleRow row = new PassengerRuleRow(rule, actor, clock.instant());
        store.insert(row);
        audit.record(actor, AuditAction.RULE_CREATED, AuditSubject.RULE, id, "passenger-data rule " + rule.name(), null);
        reload();
        return view(row, Map.of());
    }

    @Transactional
    public RuleView disable(String id, String actor) {
        if (!store.setRuleEnabled(id, false)) throw new TravelExceptions.NotFound("no passenger-data rule " + id);
        audit.record(actor, AuditAction.RULE_DISABLED, AuditSubject.RULE, id, "passenger-data rule disabled", null);
        reload();
        return list().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<RuleView> list() {
        Map<String, RuleOutcomes> outcomes = store.ruleOutcomes();
        List<RuleView> out = new ArrayList<>();
        for (PassengerRuleRow r : store.passengerRules()) out.add(view(r, outcomes));
        return out;
    }

    /** The enabled rules this traveller hits. */
    public List<PassengerRule> hits(PassengerFacts facts) {
        return inForce.hits(facts);
    }

    private static RuleView view(PassengerRuleRow r, Map<String, RuleOutcomes> outcomes) {
        RuleOutcomes o = outcomes.getOrDefault(r.rule().id(), new RuleOutcomes(0, 0, 0));
        PassengerRule p = r.rule();
        return new RuleView(p.id(), p.name(), p.expression(), p.reason(), p.enabled(), r.createdBy(), r.createdAt(), o.referrals(),
                o.results(), o.findings());
    }

    private void reload() {
        inForce = load();
    }

    private PassengerRules load() {
        return PassengerRules.of(store.passengerRules().stream().map(PassengerRuleRow::rule).toList());
    }
}
