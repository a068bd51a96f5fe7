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

    /**
     * The result: cells checked, suppressed cells whose intervals were computed, the problems, and how the intervals
     * were computed: {@code exact} (the global LP over everything published) or {@code sub-tables+local} (tables over
     * {@link Suppressor#exactAuditCells()} cells: the LP of every 1-dimensional sub-table holding a sensitive cell, plus
     * the LP over the neighbourhood of a sample of sensitive cells — both relaxations of the global LP, so a finding is
     * real but a clean report is not a proof).
     */
    public record Report(int cells, int suppressed, int intervals, List<Finding> findings, long millis, String method) {
        public boolean clean() { return findings.isEmpty(); }
    }

    /** Sensitive cells whose neighbourhood LP is solved on a table too large for the exact audit. */
    public static final int LOCAL_SAMPLE = 50;
    /** Suppressed cells at most in one neighbourhood LP. */
    static final int LOCAL_CELLS = 120;

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
        List<TradeTable.Constraint> constraints = truth.constraints();
        boolean exact = truth.cells().size() <= suppressor.exactAuditCells();
        int intervals;
        if (exact) {
            Map<List<String>, Interval> iv = AttackerAudit.intervals(constraints, values, suppressed, sensitive);
            intervals = iv.size();
            for (List<String> key : truth.keys()) {
                if (sensitive.contains(key)) check(truth, suppressor, key, iv.get(key), byKey, findings, new HashSet<>());
            }
        } else {
            intervals = approximate(truth, constraints, values, suppressed, sensitive, suppressor, byKey, findings);
        }
        return new Report(published.cells().size(), suppressed.size(), intervals, findings, (System.nanoTime() - t0) / 1_000_000,
                exact ? "exact" : "sub-tables+local");
    }

    private static void check(TradeTable truth, Suppressor suppressor, List<String> key, Interval i, Map<List<String>, ProtectedTable.Cell> byKey,
                              List<Finding> findings, Set<List<String>> reported) {
        long v = truth.cell(key).value();
        if (!suppressor.protects(i, v) && reported.add(key)) {
            findings.add(new Finding(key, "narrowable", byKey.get(key).reason(), i, suppressor.protection(v)));
        }
    }

    /** The audit of a table too large for the global LP: every sub-table's LP, then the LPs of sampled neighbourhoods. */
    private static int approximate(TradeTable truth, List<TradeTable.Constraint> constraints, Map<List<String>, Long> values,
                                   Set<List<String>> suppressed, Set<List<String>> sensitive, Suppressor suppressor,
                                   Map<List<String>, ProtectedTable.Cell> byKey, List<Finding> findings) {
        int intervals = 0;
        Set<List<String>> reported = new HashSet<>();
        Map<List<String>, List<TradeTable.Constraint>> byCell = new HashMap<>();
        for (TradeTable.Constraint k : constraints) {
            List<List<String>> members = AttackerAudit.members(k);
            Set<List<String>> hidden = new HashSet<>();
            Set<List<String>> wanted = new HashSet<>();
            for (List<String> m : members) {
                if (!suppressed.contains(m)) continue;
                hidden.add(m);
                byCell.computeIfAbsent(m, x -> new ArrayList<>(3)).add(k);
                if (sensitive.contains(m)) wanted.add(m);
            }
            if (wanted.isEmpty()) continue;
            Map<List<String>, Interval> iv = AttackerAudit.intervals(List.of(k), values, hidden, wanted);
            intervals += iv.size();
            for (var e : iv.entrySet()) check(truth, suppressor, e.getKey(), e.getValue(), byKey, findings, reported);
        }
        // neighbourhoods: the suppressed cells reachable from a sampled sensitive cell through shared relations (breadth
        // first, at most LOCAL_CELLS), with every relation whose suppressed members all lie inside
        List<List<String>> sample = new ArrayList<>(sensitive);
        sample.sort(TradeTable.KEY_ORDER);
        java.util.Collections.shuffle(sample, new java.util.Random(sample.size()));
        for (List<String> target : sample.subList(0, Math.min(LOCAL_SAMPLE, sample.size()))) {
            Set<List<String>> near = new java.util.LinkedHashSet<>();
            java.util.ArrayDeque<List<String>> todo = new java.util.ArrayDeque<>(List.of(target));
            while (!todo.isEmpty() && near.size() < LOCAL_CELLS) {
                List<String> c = todo.poll();
                if (!near.add(c)) continue;
                for (TradeTable.Constraint k : byCell.getOrDefault(c, List.of())) {
                    for (List<String> m : AttackerAudit.members(k)) if (suppressed.contains(m) && !near.contains(m)) todo.add(m);
                }
            }
            Set<TradeTable.Constraint> inside = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (List<String> c : near) {
                for (TradeTable.Constraint k : byCell.getOrDefault(c, List.of())) {
                    if (AttackerAudit.members(k).stream().allMatch(m -> !suppressed.contains(m) || near.contains(m))) inside.add(k);
                }
            }
            Map<List<String>, Interval> iv = AttackerAudit.intervals(new ArrayList<>(inside), values, near, Set.of(target));
            intervals += iv.size();
            check(truth, suppressor, target, iv.get(target), byKey, findings, reported);
        }
        return intervals;
    }
}
