package org.smartcustoms.consignment;

/**
 * When consignments of one buyer from one seller count as one order split under the de minimis threshold: at least
 * {@code minConsignments} of them, each at or under the threshold, arriving within {@code windowDays} days of each
 * other, whose values add up to more than the threshold.
 */
public record SplitPolicy(int windowDays, int minConsignments) {
    public SplitPolicy {
        if (windowDays < 0 || windowDays > 366) throw new IllegalArgumentException("windowDays must be 0..366");
        if (minConsignments < 2) throw new IllegalArgumentException("minConsignments must be at least 2");
    }

    /** Seven days either side, two or more consignments. */
    public static SplitPolicy defaults() {
        return new SplitPolicy(7, 2);
    }
}
