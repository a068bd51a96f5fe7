package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Secondary suppression by sub-tables, as τ-ARGUS' HiTaS does it: the hierarchical table is protected as a sequence of
 * small non-hierarchical sub-tables — here each 1-dimensional: a cell and its children along one dimension (a row, a
 * column, an HS chapter and its headings) — taken from the top of the hierarchies down. A cell suppressed while
 * protecting one sub-table is a fixed suppression in every other sub-table that holds it (its parent's and its
 * children's), and every sub-table touched by a new suppression is protected again, until none changes.
 *
 * <p>Within one sub-table {@code total = Σ parts} with non-negative cells, the attacker's LP has a closed form: a
 * suppressed cell can rise (or fall) by at most what the other suppressed members can give back, i.e. the value of
 * the other suppressed parts (for a part when the total is published, or for the total itself), unbounded for a part
 * whose total is suppressed too. Each suppressed cell carries a protection requirement (a primary cell: its
 * protection level; a complement: the part of a requirement it has to absorb, at most its value), and complements
 * are added until, in every sub-table, each requirement is covered. The pass is linear in the table's relations times
 * the number of times a sub-table is revisited; it does not by itself guarantee the global LP interval (paths across
 * several sub-tables can combine), which is why {@link Suppressor} finishes tables small enough with the exact global audit.
 */
final class SubTablePass {
    private final Suppressor suppressor;
    private final TradeTable table;
    private final List<TradeTable.Constraint> constraints;
    private final Set<List<String>> suppressed;
    private final Map<List<String>, String> reasons;
    private final Map<List<String>, Long> published;
    private final Map<List<String>, Double> requirement = new HashMap<>();
    private final Map<List<String>, List<Integer>> relations = new HashMap<>();
    private final int[] level;
    private final boolean[] queued;
    private final PriorityQueue<Integer> queue;

    SubTablePass(Suppressor suppressor, TradeTable table, List<TradeTable.Constraint> constraints, Set<List<String>> suppressed,
                 Set<List<String>> primary, Map<List<String>, String> reasons, Map<List<String>, Long> published) {
        this.suppressor = suppressor;
        this.table = table;
        this.constraints = constraints;
        this.suppressed = suppressed;
        this.reasons = reasons;
        this.published = published;
        level = new int[constraints.size()];
        queued = new boolean[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            TradeTable.Constraint k = constraints.get(i);
            level[i] = depth(k.total());
            for (List<String> m : AttackerAudit.members(k)) relations.computeIfAbsent(m, x -> new ArrayList<>(3)).add(i);
        }
        // top of the hierarchy first (the grand total's sub-tables, then the margins, then the interior)
        queue = new PriorityQueue<>((a, b) -> level[a] != level[b] ? Integer.compare(level[a], level[b]) : Integer.compare(a, b));
        for (List<String> p : primary) requirement.put(p, suppressor.protection(value(p)));
    }

    /** How deep a cell is in the hierarchies: 0 for the grand total, +1 per level below the total on each dimension. */
    private int depth(List<String> key) {
        int d = 0;
        for (int i = 0; i < key.size(); i++) {
            String node = key.get(i);
            if (node.equals(Dimension.TOTAL)) continue;
            d += table.spec().dimensions().get(i).isHs() ? node.length() / 2 : 1;
        }
        return d;
    }

    /** Runs the pass; returns the number of sub-tables protected (each counted once). */
    int run() {
        for (List<String> s : suppressed) enqueue(s, -1);
        BitSet seen = new BitSet(constraints.size());
        while (!queue.isEmpty()) {
            int i = queue.poll();
            queued[i] = false;
            seen.set(i);
            protect(i);
        }
        return seen.cardinality();
    }

    private void protect(int i) {
        TradeTable.Constraint k = constraints.get(i);
        List<List<String>> members = AttackerAudit.members(k);
        boolean changed = true;
        while (changed) {
            changed = false;
            boolean totalSuppressed = suppressed.contains(k.total());
            long partsSuppressed = 0;
            for (List<String> p : k.parts()) if (suppressed.contains(p)) partsSuppressed += value(p);
            for (List<String> m : members) {
                double r = requirement.getOrDefault(m, 0.0);
                if (r <= 0 || !suppressed.contains(m)) continue;
                boolean isTotal = m.equals(k.total());
                double capacity = isTotal ? partsSuppressed : totalSuppressed ? Double.POSITIVE_INFINITY : partsSuppressed - value(m);
                if (capacity + 1e-9 >= r) continue;
                List<List<String>> candidates = new ArrayList<>();
                for (List<String> p : k.parts()) if (!suppressed.contains(p)) candidates.add(p);
                List<String> pick = suppressor.best(table, candidates, r - capacity);
                if (pick == null && !isTotal && !totalSuppressed) pick = k.total();
                if (pick == null) continue; // cannot happen: a suppressed total's parts all suppressed cover it
                suppress(pick, i);
                changed = true;
                break;
            }
        }
        // carry each requirement to the other suppressed members, which absorb the moves (at most their value): a member
        // receives the largest requirement of the others (the largest, or the second largest when it holds the largest)
        double first = 0, second = 0;
        List<String> holder = null;
        for (List<String> m : members) {
            if (!suppressed.contains(m)) continue;
            double r = requirement.getOrDefault(m, 0.0);
            if (r > first) { second = first; first = r; holder = m; } else if (r > second) second = r;
        }
        if (first <= 0) return;
        for (List<String> q : members) {
            if (!suppressed.contains(q)) continue;
            double carried = Math.min(q.equals(holder) ? second : first, value(q));
            if (carried > requirement.getOrDefault(q, 0.0) + 1e-9) {
                requirement.put(q, carried);
                enqueue(q, i);
            }
        }
    }

    private void suppress(List<String> cell, int from) {
        suppressed.add(cell);
        published.remove(cell);
        reasons.putIfAbsent(cell, "secondary");
        enqueue(cell, from);
    }

    private void enqueue(List<String> cell, int except) {
        for (int j : relations.getOrDefault(cell, List.of())) {
            if (j != except && !queued[j]) {
                queued[j] = true;
                queue.add(j);
            }
        }
    }

    private long value(List<String> key) {
        return table.cell(key).value();
    }
}
