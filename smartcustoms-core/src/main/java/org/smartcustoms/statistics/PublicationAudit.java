package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attacker audit of a published table against the data it was made from: every cell that is sensitive today
 * must be suppressed, and the interval an attacker can compute from the published cells (by {@link AttackerAudit})
 * must cover each sensitive cell's protection level. Published figures that no longer match the data are reported
 * too (the table is stale: republish it).
 */
public final class PublicationAudit {
    private PublicationAudit() { }

    /** One problem found: {@code kind} is {@code narrowable}, {@code sensitive-published}, {@code stale} or {@code missing}. */
    public record Finding(List<String> key, String kind, String reason, Interval interval, double protectionNeeded) { }

    /** The result: cells checked, suppressed cells whose intervals were computed, and the problems. */
    public record Report(int cells, int suppressed, int intervals, List<Finding> findings, long millis) {
        public boolean clean() { return findings.isEmpty(); }
    }

    public static Report audit(TradeTable truth, ProtectedTable published, Suppressor suppressor) {
        long t0 = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        Map<List<String>, Long> values = new HashMap<>();
        Set<List<String>> suppressed = new HashSet<>();
        Map<List<String>, ProtectedTable.Cell> byKey = new HashMap<>();
        for (ProtectedTable.Cell c : published.cells()) {
            byKey.put(c.key(), c);
            if (c.suppressed()) suppressed.add(c.key()); else values.put(c.key(), c.value());
        }
        Set<List<String>> sensitive = new HashSet<>();
        for (List<String> key : truth.keys()) {
            TradeTable.Cell t = truth.cell(key);
            ProtectedTable.Cell p = byKey.get(key);
            String reason = suppressor.primaryReason(t);
            if (p == null) {
                findings.add(new Finding(key, reason != null ? "sensitive-published" : "missing", reason, null, 0));
                continue;
            }
            if (reason != null) {
                if (!p.suppressed()) findings.add(new Finding(key, "sensitive-published", reason, null, suppressor.protection(t.value())));
                else sensitive.add(key);
            } else if (!p.suppressed() && p.value() != t.value()) {
                findings.add(new Finding(key, "stale", null, null, 0));
            }
        }
        Map<List<String>, Interval> iv = AttackerAudit.intervals(truth.constraints(), values, suppressed, sensitive);
        for (List<String> key : truth.keys()) {
            if (!sensitive.contains(key)) continue;
            long v = truth.cell(key).value();
            Interval i = iv.get(key);
            if (!suppressor.protects(i, v)) {
                findings.add(new Finding(key, "narrowable", byKey.get(key).reason(), i, suppressor.protection(v)));
            }
        }
        return new Report(published.cells().size(), suppressed.size(), iv.size(), findings, (System.nanoTime() - t0) / 1_000_000);
    }
}
