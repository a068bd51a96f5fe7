package org.smartcustoms.statistics;

/** The smallest and largest value of a suppressed cell consistent with everything published ({@code upper} may be infinite). */
public record Interval(double lower, double upper) {
    public boolean unbounded() { return Double.isInfinite(upper); }

    public double width() { return upper - lower; }
}
