package org.smartcustoms.consignment;

/**
 * Weights of the low-value consignment risk indicators (points, the score is capped at 100) and the score from which
 * a consignment is held for control.
 *
 * @param partyWatchList  a buyer or seller on the watch list (by id or name)
 * @param commodityTarget goods matching a commodity target of the watch list (code prefix and origin)
 * @param splitOrder      the buyer's consignments from the same seller look like one order split under the threshold
 * @param zeroValue       a declared value of zero (gifts and samples are the usual cover for undervaluation)
 * @param holdThreshold   held for control from this score
 */
public record ConsignmentRiskPolicy(int partyWatchList, int commodityTarget, int splitOrder, int zeroValue, int holdThreshold) {
    public ConsignmentRiskPolicy {
        for (int w : new int[] {partyWatchList, commodityTarget, splitOrder, zeroValue}) {
            if (w < 0 || w > 100) throw new IllegalArgumentException("weights must be 0..100");
        }
        if (holdThreshold < 1 || holdThreshold > 100) throw new IllegalArgumentException("holdThreshold must be 1..100");
    }

    /** Watch list 100, commodity target 70, split order 60, zero value 25; held from 50. */
    public static ConsignmentRiskPolicy defaults() {
        return new ConsignmentRiskPolicy(100, 70, 60, 25, 50);
    }
}
