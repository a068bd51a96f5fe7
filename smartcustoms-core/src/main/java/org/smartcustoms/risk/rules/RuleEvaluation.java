package org.smartcustoms.risk.rules;

import java.util.List;

/**
 * Outcome of running the applicable rules on one declaration: the hits, how many rule evaluations were
 * made (candidates from the index that were enabled and valid, per item) and how many of them failed.
 */
public record RuleEvaluation(List<RuleHit> hits, int evaluations, int errors) {
    public RuleEvaluation {
        hits = List.copyOf(hits);
    }
}
