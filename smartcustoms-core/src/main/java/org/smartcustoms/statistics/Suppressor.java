package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistical disclosure control of a {@link TradeTable}, the one place of the disclosure rules and protection levels:
 * primary suppression by the {@link DisclosureRules}, then secondary (complementary) suppression in two stages. First
 * the table is protected sub-table by sub-table, HiTaS-style ({@link SubTablePass}: each cell and its children along
 * one dimension, top of the hierarchy first, suppressions carried into every sub-table holding the cell), which
 * scales to tables of millions of cells. Then, for tables of at most {@link #exactAuditCells()} cells, complements are
 * added until the global {@link AttackerAudit} finds every primary cell protected — an attacker who knows all
 * published cells, margins and HS subtotals can bound each primary cell no closer than its protection level.
 * Complements are the smallest cell able to cover the protection level (least information lost), interior cells
 * before totals.
 */
public final class Suppressor {
    /** Tables up to this many cells get the exact global LP audit (and its complements) after the sub-table pass. */
    public static final int DEFAULT_EXACT_AUDIT_CELLS = 3000;

    private final DisclosureRules rules;
    private final int exactAuditCells;

    public Suppressor(DisclosureRules rules) {
        this(rules, DEFAULT_EXACT_AUDIT_CELLS);
    }

    /**
     * @param exactAuditCells tables of at most this many cells are finished by the global LP audit loop (exact: the result
     *     passes {@link PublicationAudit}); larger ones are protected by the sub-table pass alone
     */
    public Suppressor(DisclosureRules rules, int exactAuditCells) {
        if (exactAuditCells < 0) throw new IllegalArgumentException("exactAuditCells must not be negative");
        this.rules = rules;
        this.exactAuditCells = exactAuditCells;
    }

    public int exactAuditCells() { return exactAuditCells; }

    public DisclosureRules rules() { return rules; }

    /** The primary reason a cell is sensitive, or null. */
    public String primaryReason(TradeTable.Cell c) {
        for (String t : rules.confidentialTraders()) if (c.traders.contains(t)) return "confidential";
        if (c.contributors() < rules.minContributors()) return "threshold";
        long[] x = c.contributionsDescending();
        long total = c.value;
        if (total > 0) {
            long top = 0;
            for (int i = 0; i < Math.min(rules.dominanceN(), x.length); i++) top += x[i];
            if (top * 100.0 > rules.dominanceK() * total) return "dominance";
            long x1 = x.length > 0 ? x[0] : 0, x2 = x.length > 1 ? x[1] : 0;
            if ((total - x1 - x2) * 100.0 < rules.pPercent() * x1) return "p-percent";
        }
        return null;
    }

    /** The protection a sensitive cell of this value needs on each side. */
    public double protection(long value) {
        return value * rules.protectionPercent() / 100.0;
    }

    /** Whether an interval protects a sensitive cell of this true value. */
    public boolean protects(Interval iv, long value) {
        double need = protection(value);
        double slack = 0.5 + 1e-7 * Math.max(1, value);
        return iv.upper() >= value + need - slack && iv.lower() <= value - need + slack;
    }

    /** Primary then secondary suppression; the result passes the attacker audit. */
    public ProtectedTable protect(TradeTable table) {
        long t0 = System.nanoTime();
        Map<List<String>, String> reasons = new LinkedHashMap<>();
        for (List<String> key : table.keys()) {
            String r = primaryReason(table.cell(key));
            if (r != null) reasons.put(key, r);
        }
        Set<List<String>> primary = new HashSet<>(reasons.keySet());
        Set<List<String>> suppressed = new HashSet<>(primary);
        Map<List<String>, Long> published = new HashMap<>();
        for (var e : table.cells().entrySet()) if (!suppressed.contains(e.getKey())) published.put(e.getKey(), e.getValue().value);
        List<TradeTable.Constraint> constraints = table.constraints();

        // HiTaS-style: every 1-dimensional sub-table (a cell and its children along one dimension) protected in turn,
        // top of the hierarchy first, suppressions carried into every other sub-table holding the cell
        int subTables = new SubTablePass(this, table, constraints, suppressed, primary, reasons, published).run();

        int iterations = 0;
        boolean exact = table.cells().size() <= exactAuditCells;
        Map<List<String>, List<TradeTable.Constraint>> byCell = new HashMap<>();
        if (exact) {
            for (TradeTable.Constraint k : constraints) for (List<String> m : AttackerAudit.members(k)) byCell.computeIfAbsent(m, x -> new ArrayList<>()).add(k);
        }
        while (exact) {
            iterations++;
            Map<List<String>, Interval> iv = AttackerAudit.intervals(constraints, published, suppressed, primary);
            List<List<String>> weak = primary.stream().filter(k -> !protects(iv.get(k), table.cell(k).value))
                    .sorted(TradeTable.KEY_ORDER).toList();
            if (weak.isEmpty()) break;
            boolean added = false;
            for (List<String> p : weak) {
                List<String> q = complement(table, p, byCell, suppressed);
                if (q == null) continue;
                suppressed.add(q);
                published.remove(q);
                reasons.putIfAbsent(q, "secondary");
                added = true;
            }
            if (!added) {
                // every cell next to the weak ones is already suppressed: widen to anything next to any suppressed cell
                List<String> q = anyNeighbour(table, byCell, suppressed);
                if (q == null) break; // the whole table is suppressed: nothing can be inferred
                suppressed.add(q);
                published.remove(q);
                reasons.putIfAbsent(q, "secondary");
            }
        }

        List<ProtectedTable.Cell> cells = new ArrayList<>();
        long suppressedValue = 0, tableValue = 0;
        int secondary = 0;
        for (List<String> key : table.keys()) {
            TradeTable.Cell c = table.cell(key);
            boolean interior = !key.contains(Dimension.TOTAL);
            if (interior) tableValue += c.value;
            if (suppressed.contains(key)) {
                if (interior) suppressedValue += c.value;
                if (!primary.contains(key)) secondary++;
                cells.add(new ProtectedTable.Cell(key, table.named(key), null, null, null, null, true, reasons.get(key)));
            } else {
                cells.add(new ProtectedTable.Cell(key, table.named(key), c.value, Math.round(c.netMassKg * 1000) / 1000.0, c.duty,
                        c.declarations(), false, null));
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        double share = tableValue == 0 ? 0 : (double) suppressedValue / tableValue;
        return new ProtectedTable(table.spec(), cells,
                new ProtectedTable.Loss(cells.size(), primary.size(), secondary, suppressedValue, tableValue, share, iterations, millis,
                        subTables, exact));
    }

    /** The best published cell sharing a total with {@code p}, or null when there is none. */
    private List<String> complement(TradeTable table, List<String> p, Map<List<String>, List<TradeTable.Constraint>> byCell,
                                    Set<List<String>> suppressed) {
        double need = protection(table.cell(p).value);
        List<TradeTable.Constraint> ks = byCell.getOrDefault(p, List.of());
        // first the relations in which p is the only suppressed cell: those give it away exactly
        List<TradeTable.Constraint> alone = ks.stream()
                .filter(k -> AttackerAudit.members(k).stream().filter(suppressed::contains).count() == 1).toList();
        for (List<TradeTable.Constraint> group : List.of(alone, ks)) {
            List<List<String>> candidates = new ArrayList<>();
            for (TradeTable.Constraint k : group) {
                for (List<String> m : AttackerAudit.members(k)) if (!suppressed.contains(m)) candidates.add(m);
            }
            List<String> best = best(table, candidates, need);
            if (best != null) return best;
        }
        return null;
    }

    /**
     * The complement that loses least: interior cells before totals (fewest margins), then a cell able to cover
     * {@code need} alone (the smallest such), else the largest; ties by key order.
     */
    List<String> best(TradeTable table, List<List<String>> candidates, double need) {
        List<String> best = null;
        int bestTotals = 0;
        boolean bestCovers = false;
        long bestValue = 0;
        for (List<String> k : candidates) {
            int t = totals(k);
            long v = table.cell(k).value;
            boolean covers = v >= need;
            int c;
            if (best == null) c = -1;
            else if (t != bestTotals) c = Integer.compare(t, bestTotals);
            else if (covers != bestCovers) c = covers ? -1 : 1;
            else if (v != bestValue) c = covers ? Long.compare(v, bestValue) : Long.compare(bestValue, v);
            else c = TradeTable.KEY_ORDER.compare(k, best);
            if (c < 0) { best = k; bestTotals = t; bestCovers = covers; bestValue = v; }
        }
        return best;
    }

    private static int totals(List<String> key) {
        int n = 0;
        for (String s : key) if (s.equals(Dimension.TOTAL)) n++;
        return n;
    }

    private List<String> anyNeighbour(TradeTable table, Map<List<String>, List<TradeTable.Constraint>> byCell, Set<List<String>> suppressed) {
        List<List<String>> candidates = new ArrayList<>();
        for (List<String> s : suppressed) {
            for (TradeTable.Constraint k : byCell.getOrDefault(s, List.of())) {
                for (List<String> m : AttackerAudit.members(k)) if (!suppressed.contains(m)) candidates.add(m);
            }
        }
        return best(table, candidates, 0);
    }
}
