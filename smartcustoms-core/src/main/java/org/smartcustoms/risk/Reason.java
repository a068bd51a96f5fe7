package org.smartcustoms.risk;

import java.util.Objects;

/**
 * One line of a decision's explanation for the officer: where it comes from, what it says and how much it
 * weighed (rule weight, watch-list floor, model contribution x 100, or the negative AEO reduction).
 */
public record Reason(Source source, String text, double weight) {
    /** Origin of a reason. */
    public enum Source { WATCHLIST, RULE, MODEL, RANDOM, AEO }

    public Reason {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
