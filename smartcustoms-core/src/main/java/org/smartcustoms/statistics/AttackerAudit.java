package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Plays the attacker: knowing every published cell and the additive structure of the table (each total is the sum of
 * its parts, all figures are non-negative), what is the smallest and the largest value each suppressed cell can have?
 * Solved by linear programming (ojAlgo), two LPs per cell. The suppressed cells are split into independent
 * sub-problems first — cells linked through a common total — so a large table is a set of small LPs (as τ-ARGUS'
 * HiTaS works on sub-tables) rather than one LP over the whole table.
 */
public final class AttackerAudit {
    /** Above this multiple of the sub-problem's largest figure an upper bound counts as unbounded. */
    private static final double UNBOUNDED = 1e6;

    private AttackerAudit() { }

    /**
     * Intervals of the {@code wanted} suppressed cells (all suppressed cells when null).
     *
     * @param published the value of every published cell
     * @param suppressed the keys of suppressed cells
     */
    public static Map<List<String>, Interval> intervals(List<TradeTable.Constraint> constraints, Map<List<String>, Long> published,
                                                        Set<List<String>> suppressed, Set<List<String>> wanted) {
        Map<List<String>, Interval> out = new HashMap<>();
        for (Component c : components(constraints, suppressed)) {
            List<List<String>> targets = c.cells.stream().filter(k -> wanted == null || wanted.contains(k)).toList();
            if (targets.isEmpty()) continue;
            solve(c, published, targets, out);
        }
        for (List<String> k : suppressed) {
            if ((wanted == null || wanted.contains(k)) && !out.containsKey(k)) out.put(k, new Interval(0, Double.POSITIVE_INFINITY));
        }
        return out;
    }

    /** Suppressed cells linked through common constraints, with those constraints. */
    private record Component(List<List<String>> cells, List<TradeTable.Constraint> constraints) { }

    static List<Component> components(List<TradeTable.Constraint> constraints, Set<List<String>> suppressed) {
        Map<List<String>, List<String>> parent = new HashMap<>();
        List<TradeTable.Constraint> touching = new ArrayList<>();
        for (TradeTable.Constraint k : constraints) {
            List<String> first = null;
            for (List<String> m : members(k)) {
                if (!suppressed.contains(m)) continue;
                parent.putIfAbsent(m, m);
                if (first == null) first = m; else union(parent, first, m);
            }
            if (first != null) touching.add(k);
        }
        Map<List<String>, Component> byRoot = new HashMap<>();
        for (List<String> cell : parent.keySet()) {
            byRoot.computeIfAbsent(find(parent, cell), r -> new Component(new ArrayList<>(), new ArrayList<>())).cells.add(cell);
        }
        for (TradeTable.Constraint k : touching) {
            for (List<String> m : members(k)) {
                if (suppressed.contains(m)) { byRoot.get(find(parent, m)).constraints.add(k); break; }
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    static List<List<String>> members(TradeTable.Constraint k) {
        List<List<String>> m = new ArrayList<>(k.parts().size() + 1);
        m.add(k.total());
        m.addAll(k.parts());
        return m;
    }

    private static List<String> find(Map<List<String>, List<String>> parent, List<String> x) {
        List<String> p = parent.get(x);
        while (!p.equals(parent.get(p))) p = parent.get(p);
        List<String> root = p;
        while (!x.equals(root)) { List<String> next = parent.get(x); parent.put(x, root); x = next; }
        return root;
    }

    private static void union(Map<List<String>, List<String>> parent, List<String> a, List<String> b) {
        List<String> ra = find(parent, a), rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }

    private static void solve(Component c, Map<List<String>, Long> published, List<List<String>> targets,
                              Map<List<String>, Interval> out) {
        // right-hand sides: Σ suppressed parts − suppressed total = published total − Σ published parts
        double[] rhs = new double[c.constraints.size()];
        double scale = 1;
        for (int i = 0; i < rhs.length; i++) {
            TradeTable.Constraint k = c.constraints.get(i);
            double r = published.containsKey(k.total()) ? published.get(k.total()) : 0;
            for (List<String> p : k.parts()) if (published.containsKey(p)) r -= published.get(p);
            rhs[i] = r;
            scale = Math.max(scale, Math.abs(r));
            if (published.containsKey(k.total())) scale = Math.max(scale, published.get(k.total()));
        }
        // one model per sub-problem; only the objective changes from cell to cell
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Map<List<String>, Variable> vars = new HashMap<>();
        for (List<String> cell : new LinkedHashSet<>(c.cells)) vars.put(cell, model.addVariable().lower(0).upper(UNBOUNDED));
        for (int i = 0; i < rhs.length; i++) {
            TradeTable.Constraint k = c.constraints.get(i);
            Expression e = model.addExpression().level(rhs[i] / scale);
            Variable total = vars.get(k.total());
            if (total != null) e.set(total, -1);
            for (List<String> p : k.parts()) {
                Variable v = vars.get(p);
                if (v != null) e.set(v, 1);
            }
        }
        Variable previous = null;
        for (List<String> target : targets) {
            if (previous != null) previous.weight(0);
            Variable v = vars.get(target);
            v.weight(1);
            previous = v;
            double hi = optimum(model, scale, true);
            double lo = optimum(model, scale, false);
            out.put(target, new Interval(Math.max(0, lo), hi));
        }
    }

    private static double optimum(ExpressionsBasedModel model, double scale, boolean max) {
        Optimisation.Result r = max ? model.maximise() : model.minimise();
        if (!r.getState().isFeasible()) {
            // the published figures are inconsistent with the structure (stale table): nothing can be inferred
            return max ? Double.POSITIVE_INFINITY : 0;
        }
        double v = r.getValue();
        if (max && v >= UNBOUNDED * 0.999) return Double.POSITIVE_INFINITY;
        return v * scale;
    }
}
