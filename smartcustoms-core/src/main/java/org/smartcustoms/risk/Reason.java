package org.smartcustoms.risk;

import java.util.Objects;

/**
 * One line of a decision's explanation for the officer: where it comes from, what it says and how much it
 * weighed, in score points out of 100 (rule weight, watch-list floor, the model's probability x 100 and each model
 * contribution's share of it, or the negative AEO reduction).
 */
public record Reason(Source source, String text, double weight) {
    /** Origin of a reason. */
    public enum Source { WATCHLIST, RULE, MODEL, RANDOM, AEO }

    public Reason {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
