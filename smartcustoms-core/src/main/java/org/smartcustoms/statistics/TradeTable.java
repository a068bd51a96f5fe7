package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The true (unprotected) figures of a table: every combination of dimension nodes that holds data — interior cells,
 * subtotals along the HS hierarchy, row/column margins and the grand total — with its contributors. Never published
 * as is: {@link Suppressor} turns it into a {@link ProtectedTable}.
 */
public final class TradeTable {
    private final TableSpec spec;
    private final Map<List<String>, Cell> cells = new HashMap<>();
    /** Per dimension: node → its child nodes that hold data. */
    private final List<Map<String, Set<String>>> children = new ArrayList<>();

    /** One cell's figures and the traders behind them. */
    public static final class Cell {
        long value;
        double netMassKg;
        long duty;
        int declarations;
        String lastDeclaration;
        final TraderSums traders = new TraderSums();

        public long value() { return value; }
        public double netMassKg() { return netMassKg; }
        public long duty() { return duty; }
        public int declarations() { return declarations; }
        public int contributors() { return traders.size(); }

        /**
         * The cell an attacker gets by subtracting {@code inner} (a cell whose data lie inside this one's, e.g. a heading
         * inside its chapter in another table) from this one: each trader's contribution here minus its contribution
         * there; traders left with nothing drop out. The primary rules applied to it tell whether publishing both
         * cells discloses a trader (differencing).
         */
        public Cell minus(Cell inner) {
            Cell d = new Cell();
            d.value = value - inner.value;
            d.netMassKg = netMassKg - inner.netMassKg;
            d.duty = duty - inner.duty;
            d.declarations = Math.max(0, declarations - inner.declarations);
            for (int i = 0; i < traders.keys.length; i++) {
                String t = traders.keys[i];
                if (t == null) continue;
                long rest = traders.sums[i] - inner.traders.get(t);
                if (rest > 0) d.traders.add(t, rest);
            }
            return d;
        }

        /** Contributions per trader, largest first. */
        long[] contributionsDescending() {
            long[] c = traders.sums();
            java.util.Arrays.sort(c);
            for (int i = 0, j = c.length - 1; i < j; i++, j--) { long t = c[i]; c[i] = c[j]; c[j] = t; }
            return c;
        }
    }

    /**
     * Value per trader of one cell: open addressing over parallel arrays (a table of ten million items has tens of
     * millions of cell × trader sums, which boxed maps would not hold).
     */
    static final class TraderSums {
        private String[] keys = new String[4];
        private long[] sums = new long[4];
        private int size;

        void add(String trader, long value) {
            if (2 * (size + 1) > keys.length) grow();
            int i = slot(keys, trader);
            if (keys[i] == null) { keys[i] = trader; size++; }
            sums[i] += value;
        }

        long get(String trader) {
            int i = slot(keys, trader);
            return keys[i] == null ? 0 : sums[i];
        }

        boolean contains(String trader) {
            String k = keys[slot(keys, trader)];
            return k != null;
        }

        int size() { return size; }

        Iterable<String> traders() {
            List<String> out = new ArrayList<>(size);
            for (String k : keys) if (k != null) out.add(k);
            return out;
        }

        long[] sums() {
            long[] out = new long[size];
            int n = 0;
            for (int i = 0; i < keys.length; i++) if (keys[i] != null) out[n++] = sums[i];
            return out;
        }

        private static int slot(String[] keys, String trader) {
            int mask = keys.length - 1;
            int i = (trader.hashCode() * 0x9E3779B9 >>> 7) & mask;
            while (keys[i] != null && !keys[i].equals(trader)) i = (i + 1) & mask;
            return i;
        }

        private void grow() {
            String[] oldKeys = keys;
            long[] oldSums = sums;
            keys = new String[oldKeys.length * 2];
            sums = new long[oldKeys.length * 2];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] == null) continue;
                int i = slot(keys, oldKeys[j]);
                keys[i] = oldKeys[j];
                sums[i] = oldSums[j];
            }
        }
    }

    /** An additive relation the published table reveals: {@code total} = Σ {@code parts}. */
    public record Constraint(List<String> total, List<List<String>> parts) { }

    private TradeTable(TableSpec spec) {
        this.spec = spec;
        for (int i = 0; i < spec.dimensions().size(); i++) children.add(new HashMap<>());
    }

    public static TradeTable build(TableSpec spec, Iterable<TradeRecord> records) {
        TradeTable t = new TradeTable(spec);
        for (TradeRecord r : records) t.add(r);
        return t;
    }

    public TableSpec spec() { return spec; }

    /**
     * Adds a record (ignored when outside the spec's flow and period). The items of one declaration must be added one
     * after the other (as every {@link TradeRecordSource} delivers them, ordered by declaration): a cell counts a
     * declaration when its id differs from the last one the cell saw.
     */
    public void add(TradeRecord r) {
        if (!spec.covers(r)) return;
        List<Dimension> dims = spec.dimensions();
        List<List<String>> paths = new ArrayList<>(dims.size());
        for (int i = 0; i < dims.size(); i++) {
            List<String> p = dims.get(i).path(r);
            paths.add(p);
            for (int k = 0; k + 1 < p.size(); k++) children.get(i).computeIfAbsent(p.get(k + 1), x -> new TreeSet<>()).add(p.get(k));
        }
        addAll(paths, 0, new String[dims.size()], r);
    }

    private void addAll(List<List<String>> paths, int i, String[] key, TradeRecord r) {
        if (i == paths.size()) {
            Cell c = cells.computeIfAbsent(List.of(key.clone()), k -> new Cell());
            c.value += r.value();
            c.netMassKg += r.netMassKg();
            c.duty += r.duty();
            if (!r.declarationId().equals(c.lastDeclaration)) {
                c.lastDeclaration = r.declarationId();
                c.declarations++;
            }
            c.traders.add(r.traderId(), r.value());
            return;
        }
        for (String node : paths.get(i)) {
            key[i] = node;
            addAll(paths, i + 1, key, r);
        }
    }

    public Map<List<String>, Cell> cells() { return Collections.unmodifiableMap(cells); }

    public Cell cell(List<String> key) { return cells.get(key); }

    /** The grand total's key ({@code [*, *, ...]}). */
    public List<String> grandTotal() { return Collections.nCopies(spec.dimensions().size(), Dimension.TOTAL); }

    /** Keys in a stable order: by each coordinate, totals last. */
    public List<List<String>> keys() {
        List<List<String>> k = new ArrayList<>(cells.keySet());
        k.sort(KEY_ORDER);
        return k;
    }

    static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i), y = b.get(i);
            if (x.equals(y)) continue;
            if (x.equals(Dimension.TOTAL)) return 1;
            if (y.equals(Dimension.TOTAL)) return -1;
            return x.compareTo(y);
        }
        return 0;
    };

    /**
     * Every additive relation between the cells: for each cell and each dimension on which it is not a leaf, the
     * cell equals the sum of its children on that dimension (row, column and table totals, and the HS hierarchy).
     */
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        for (List<String> key : keys()) {
            for (int i = 0; i < key.size(); i++) {
                Set<String> kids = children.get(i).get(key.get(i));
                if (kids == null) continue;
                List<List<String>> parts = new ArrayList<>(kids.size());
                for (String kid : kids) {
                    List<String> k = new ArrayList<>(key);
                    k.set(i, kid);
                    List<String> part = List.copyOf(k);
                    if (cells.containsKey(part)) parts.add(part);
                }
                out.add(new Constraint(key, parts));
            }
        }
        return out;
    }

    /** The dimension values of a key, named (for answers). */
    public Map<String, String> named(List<String> key) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < key.size(); i++) m.put(spec.dimensions().get(i).code(), key.get(i));
        return m;
    }
}
