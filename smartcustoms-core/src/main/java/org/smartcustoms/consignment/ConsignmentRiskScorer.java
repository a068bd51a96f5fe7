package org.smartcustoms.consignment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.risk.watchlist.WatchListHit;

/**
 * Scores low-value consignments: the watch list's parties (buyer and seller, by id and by name) and commodity
 * targets, the split-order finding of {@link SplitOrderDetector}, and a zero declared value. Thread-safe; build one
 * per watch list.
 */
public final class ConsignmentRiskScorer {
    private final WatchList watchList;
    private final ConsignmentRiskPolicy policy;
    private final Map<String, List<CommodityTarget>> targets = new HashMap<>();

    public ConsignmentRiskScorer(WatchList watchList, ConsignmentRiskPolicy policy) {
        this.watchList = Objects.requireNonNull(watchList, "watchList");
        this.policy = Objects.requireNonNull(policy, "policy");
        for (CommodityTarget t : watchList.commodities()) targets.computeIfAbsent(t.hsPrefix(), k -> new ArrayList<>()).add(t);
    }

    /** The decision for a consignment arriving on the date, with its split-order finding if any (null = none). */
    public ConsignmentDecision decide(LowValueConsignment c, LocalDate date, SplitOrderDetector.Finding split) {
        int score = 0;
        List<String> reasons = new ArrayList<>(0);
        List<WatchListHit> hits = new ArrayList<>(0);
        if (!watchList.parties().isEmpty()) {
            hits.addAll(watchList.screen(new Party(PartyRole.BUYER, c.buyer().id(), c.buyer().name(), c.buyer().country()), date));
            hits.addAll(watchList.screen(new Party(PartyRole.SELLER, c.seller().id(), c.seller().name(), c.seller().country()), date));
        }
        if (!hits.isEmpty()) {
            score += policy.partyWatchList();
            for (WatchListHit h : hits) reasons.add(h.explain());
        }
        CommodityTarget target = target(c.hs6(), c.origin(), date);
        if (target != null) {
            score += policy.commodityTarget();
            reasons.add("Commodity target " + target.entryId() + ": " + c.hs6() + " from " + c.origin() + " matches "
                    + target.hsPrefix() + (target.origin() == null ? "" : " from " + target.origin())
                    + (target.reason().isEmpty() ? "" : " (" + target.reason() + ")"));
        }
        if (split != null) {
            score += policy.splitOrder();
            reasons.add(split.explain());
        }
        if (c.value().signum() == 0) {
            score += policy.zeroValue();
            reasons.add("Declared value is zero");
        }
        score = Math.min(100, score);
        return new ConsignmentDecision(score >= policy.holdThreshold() ? ConsignmentStatus.HELD : ConsignmentStatus.RELEASED, score, reasons);
    }

    private CommodityTarget target(String hs6, String origin, LocalDate date) {
        if (targets.isEmpty()) return null;
        for (int len = hs6.length(); len >= 1; len--) {
            List<CommodityTarget> ts = targets.get(hs6.substring(0, len));
            if (ts == null) continue;
            for (CommodityTarget t : ts) {
                if (t.origin() != null && !t.origin().equals(origin)) continue;
                if (t.validFrom() != null && date.isBefore(t.validFrom())) continue;
                if (t.validTo() != null && date.isAfter(t.validTo())) continue;
                return t;
            }
        }
        return null;
    }
}
