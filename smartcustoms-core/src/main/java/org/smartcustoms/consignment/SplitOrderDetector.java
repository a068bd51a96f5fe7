package org.smartcustoms.consignment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds orders split under the de minimis threshold: for each new consignment at or under the threshold, the
 * consignments of the same buyer from the same seller (earlier ones and the new manifest's) at or under the
 * threshold within the policy's window around its arrival date; if there are at least the policy's minimum and
 * their values add up to more than the threshold, the consignment is flagged. Cost: sorting each buyer/seller group
 * once and two binary searches per new consignment.
 */
public final class SplitOrderDetector {
    private final SplitPolicy policy;

    public SplitOrderDetector(SplitPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A flagged consignment: how many consignments of the group fall in its window and their total value. */
    public record Finding(String consignmentId, int consignments, BigDecimal total, BigDecimal threshold,
                          LocalDate from, LocalDate to) {
        /** For the decision's reasons (customs eyes only). */
        public String explain() {
            return "Possible split order: " + consignments + " consignments of the same buyer from the same seller between "
                    + from + " and " + to + ", each at most the de minimis threshold " + threshold.toPlainString()
                    + ", together " + total.toPlainString();
        }
    }

    /**
     * @param history   consignments already stored (any submitter) of the buyers concerned
     * @param incoming  the new consignments
     * @param threshold the duty de minimis per new consignment id (absent = no threshold, never flagged)
     * @return findings by consignment id of the incoming ones that are flagged
     */
    public Map<String, Finding> detect(Collection<Purchase> history, Collection<Purchase> incoming, Map<String, BigDecimal> threshold) {
        Map<String, List<Purchase>> groups = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Purchase p : incoming) {
            groups.computeIfAbsent(p.buyerKey() + "\u0000" + p.sellerKey(), k -> new ArrayList<>()).add(p);
            seen.add(p.consignmentId());
        }
        for (Purchase p : history) {
            if (seen.contains(p.consignmentId())) continue;
            List<Purchase> g = groups.get(p.buyerKey() + "\u0000" + p.sellerKey());
            if (g != null) g.add(p);
        }
        for (List<Purchase> g : groups.values()) g.sort(Comparator.comparing(Purchase::date));
        Map<String, Finding> out = new HashMap<>();
        for (Purchase p : incoming) {
            BigDecimal t = threshold.get(p.consignmentId());
            if (t == null || p.customsValue().compareTo(t) > 0) continue;
            List<Purchase> g = groups.get(p.buyerKey() + "\u0000" + p.sellerKey());
            if (g.size() < policy.minConsignments()) continue;
            LocalDate from = p.date().minusDays(policy.windowDays());
            LocalDate to = p.date().plusDays(policy.windowDays());
            int n = 0;
            BigDecimal sum = BigDecimal.ZERO;
            LocalDate first = null;
            LocalDate last = null;
            for (Purchase q : g) {
                if (q.date().isAfter(to)) break;
                if (q.date().isBefore(from) || q.customsValue().compareTo(t) > 0) continue;
                n++;
                sum = sum.add(q.customsValue());
                if (first == null) first = q.date();
                last = q.date();
            }
            if (n >= policy.minConsignments() && sum.compareTo(t) > 0) {
                out.put(p.consignmentId(), new Finding(p.consignmentId(), n, sum, t, first, last));
            }
        }
        return out;
    }
}
