package org.smartcustoms.risk;

import java.util.Objects;

/**
 * One line of a decision's explanation for the officer: where it comes from, what it says and how much it
 * weighed, in score points out of 100 (rule weight, watch-list floor, the model's probability x 100 and each model
 * contribution's share of it, the negative AEO reduction, or the weight of a hit from an {@link EvidenceSource}
 * such as the enforcement database).
 */
public record Reason(Source source, String text, double weight) {
    /** Origin of a reason. */
    public enum Source { WATCHLIST, RULE, MODEL, RANDOM, AEO, ENFORCEMENT,
        /** The goods description suggests another heading than the declared code (HS classification assistant). */
        CLASSIFICATION }

    public Reason {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
