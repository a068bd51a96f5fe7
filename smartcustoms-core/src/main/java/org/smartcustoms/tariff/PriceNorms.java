package org.smartcustoms.tariff;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.GoodsItem;

/**
 * The price norm, defined once for risk features, rules, the fraud model, post-clearance audit and revenue at
 * risk: the median {@link UnitValue} of the goods items of one HS subheading × origin × {@link Basis}, over the
 * declarations dated strictly before an as-of date whose status is not {@link #EXCLUDED_STATUSES excluded}
 * (rejected or cancelled), once at least {@link #MIN_OBSERVATIONS} unit values are known. The median of an even
 * count is the mean of the two middle values. A norm for "all origins" (origin {@code null}) pools every origin.
 *
 * <p>Filled by {@link #add}; reads ({@link #norm}, {@link #compare}) may run concurrently with each other but not
 * with {@link #add} (the server publishes a filled instance, the model's history adds under its write lock).
 * A look-up is a hash probe plus, the first time per series and as-of count, one sort of that series; the median of a
 * whole series (as of a date after its last value, the fraud model's case) is kept by two heaps as values are added.
 */
public final class PriceNorms {

    /** What a unit value is measured per. Comparisons try the bases in this order. */
    public enum Basis {
        PER_KG("kg"), PER_UNIT("unit");

        private final String unit;

        Basis(String unit) { this.unit = unit; }

        /** "kg" or "unit", for sentences such as "20 JPY/kg". */
        public String unit() { return unit; }

        /** The item's quantity on this basis (net mass, or supplementary quantity), or null when not declared. */
        public BigDecimal quantity(GoodsItem item) {
            return this == PER_KG ? item.netMassKg() : item.quantity() == null ? null : item.quantity().value();
        }
    }

    /** Fewer unit values than this are no norm. */
    public static final int MIN_OBSERVATIONS = 5;

    /** Declarations in these statuses never count towards a norm. */
    public static final Set<DeclarationStatus> EXCLUDED_STATUSES =
            Collections.unmodifiableSet(EnumSet.of(DeclarationStatus.REJECTED, DeclarationStatus.CANCELLED));

    /** Whether a declaration in {@code status} counts towards norms. */
    public static boolean counts(DeclarationStatus status) {
        return status == null || !EXCLUDED_STATUSES.contains(status);
    }

    /** The median unit value (national currency per basis unit) of {@code observations} items before {@code asOf}. */
    public record Norm(String hs6, String origin, Basis basis, LocalDate asOf, double median, int observations) {
        public Norm {
            if (!(median > 0)) throw new IllegalArgumentException("median must be positive");
            if (observations < MIN_OBSERVATIONS) throw new IllegalArgumentException("too few observations for a norm");
        }

        /** "for HS 610910 from CN" or "for HS 610910" (all origins). */
        public String scope() { return "for HS " + hs6 + (origin == null ? "" : " from " + origin); }
    }

    /** A declared item's unit value beside the norm of its kind of goods. */
    public record Comparison(UnitValue declared, Norm norm) {
        /** (declared − median) / median: −0.5 is half the norm. */
        public double deviation() { return (declared.value() - norm.median()) / norm.median(); }
    }

    /** origin: a country, "" for items without one, null for all origins pooled. */
    private record Key(String hs6, String origin, Basis basis) { }

    private final Map<Key, Series> series = new HashMap<>();
    private long size;

    /** Number of unit values added. */
    public long size() { return size; }

    /** Adds one unit value (it counts for its origin and for all origins). */
    public PriceNorms add(UnitValue v) {
        long day = v.date().toEpochDay();
        series.computeIfAbsent(new Key(v.hs6(), v.origin() == null ? "" : v.origin(), v.basis()), k -> new Series()).add(day, v.value());
        series.computeIfAbsent(new Key(v.hs6(), null, v.basis()), k -> new Series()).add(day, v.value());
        size++;
        return this;
    }

    /** Adds every measurable unit value of a declaration in {@code status}; nothing for an excluded status. */
    public PriceNorms add(Declaration d, DeclarationStatus status, ExchangeRates rates) {
        if (!counts(status)) return this;
        for (GoodsItem item : d.items()) {
            for (Basis b : Basis.values()) UnitValue.of(d, item, b, rates).ifPresent(this::add);
        }
        return this;
    }

    /**
     * The norm of {@code hs6} from {@code origin} (null: all origins) on {@code basis}, from items of declarations
     * dated strictly before {@code asOf}; empty below {@link #MIN_OBSERVATIONS}.
     */
    public Optional<Norm> norm(String hs6, String origin, Basis basis, LocalDate asOf) {
        if (hs6 == null || basis == null || asOf == null) return Optional.empty();
        Series s = series.get(new Key(hs6, origin, basis));
        if (s == null) return Optional.empty();
        long[] countAndMedian = s.median(asOf.toEpochDay());
        if (countAndMedian == null) return Optional.empty();
        return Optional.of(new Norm(hs6, origin, basis, asOf, Double.longBitsToDouble(countAndMedian[1]), (int) countAndMedian[0]));
    }

    /** The median on {@code basis} as a plain double (NaN when there is no norm), for hot paths such as the model. */
    public double median(String hs6, String origin, Basis basis, LocalDate asOf) {
        return norm(hs6, origin, basis, asOf).map(Norm::median).orElse(Double.NaN);
    }

    /**
     * The item compared with its HS6 × origin norm as of its declaration date, on the first {@link Basis} on which
     * both its unit value and a norm exist; empty when none does.
     */
    public Optional<Comparison> compare(Declaration d, GoodsItem item, ExchangeRates rates) {
        for (Basis b : Basis.values()) {
            Optional<Comparison> c = UnitValue.of(d, item, b, rates).flatMap(this::compare);
            if (c.isPresent()) return c;
        }
        return Optional.empty();
    }

    /** The first of {@code unitValues} (in basis order, see {@link UnitValue#all}) that has a norm as of its own date. */
    public Optional<Comparison> compare(java.util.List<UnitValue> unitValues) {
        for (UnitValue v : unitValues) {
            Optional<Comparison> c = compare(v);
            if (c.isPresent()) return c;
        }
        return Optional.empty();
    }

    /** A unit value beside the norm of its HS6 × origin × basis as of its date. */
    public Optional<Comparison> compare(UnitValue v) {
        return norm(v.hs6(), v.origin(), v.basis(), v.date()).map(n -> new Comparison(v, n));
    }

    /** The median rule: the middle value of {@code n} values, the mean of the two middle ones for an even count. */
    public static double median(double[] values, int n) {
        if (n <= 0) throw new IllegalArgumentException("median of nothing");
        double[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    // ---- persistence (the fraud model's history file) ----

    /** Writes every unit value (per origin; the pooled series are rebuilt on reading). */
    public void writeTo(DataOutput out) throws IOException {
        int n = 0;
        for (Key k : series.keySet()) if (k.origin() != null) n++;
        out.writeInt(n);
        for (Map.Entry<Key, Series> e : series.entrySet()) {
            Key k = e.getKey();
            if (k.origin() == null) continue;
            out.writeUTF(k.hs6());
            out.writeUTF(k.origin());
            out.writeByte(k.basis().ordinal());
            Series s = e.getValue();
            out.writeInt(s.size);
            for (int i = 0; i < s.size; i++) {
                out.writeLong(s.days[i]);
                out.writeDouble(s.values[i]);
            }
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static PriceNorms readFrom(DataInput in) throws IOException {
        PriceNorms p = new PriceNorms();
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            String hs6 = in.readUTF();
            String origin = in.readUTF();
            int basis = in.readByte();
            if (basis < 0 || basis >= Basis.values().length) throw new IOException("bad price basis " + basis);
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                long day = in.readLong();
                double value = in.readDouble();
                try {
                    p.add(new UnitValue(hs6, origin.isEmpty() ? null : origin, Basis.values()[basis], LocalDate.ofEpochDay(day), value));
                } catch (RuntimeException e) {
                    throw new IOException("bad unit value for " + hs6 + ": " + e.getMessage(), e);
                }
            }
        }
        return p;
    }

    /**
     * The unit values of one key with their dates; sorted by date before the first read after an out-of-order add.
     * A median depends only on how many values lie before the as-of date (a prefix of the sorted series), so the
     * answers are remembered per prefix length: adding a value dated on or after the last one (the usual case: new
     * declarations are dated today) leaves every earlier prefix and its answer as it was; an out-of-order add
     * forgets them. Without this, declarations of many different dates each paid a copy and sort of the series.
     */
    private static final class Series {
        /** answers remembered per series at most; beyond, they are forgotten and remembered anew */
        private static final int MAX_MEMO = 4096;
        long[] days = new long[4];
        double[] values = new double[4];
        int size;
        volatile boolean sorted = true;
        /** prefix length → median bits */
        private volatile java.util.concurrent.ConcurrentHashMap<Integer, Long> memo;

        /** every value of the series split at its median, whatever their dates: the median of the whole series in O(1) */
        private final DoubleHeap lower = new DoubleHeap(true);
        private final DoubleHeap upper = new DoubleHeap(false);

        void add(long day, double value) {
            if (lower.size() == 0 || value <= lower.peek()) lower.push(value);
            else upper.push(value);
            if (lower.size() > upper.size() + 1) upper.push(lower.pop());
            else if (upper.size() > lower.size()) lower.push(upper.pop());
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            if (size > 0 && day < days[size - 1]) {
                sorted = false;
                memo = null;
            }
            days[size] = day;
            values[size++] = value;
        }

        /** {count, median bits} of the values dated before {@code asOfDay}, or null below the minimum count. */
        long[] median(long asOfDay) {
            int n = countBefore(asOfDay);
            if (n < MIN_OBSERVATIONS) return null;
            if (n == size) {
                // the whole series (the model's history reads it after every add): kept up to date by the two heaps,
                // the same rule as median(double[], int): the middle value, or the mean of the two middle ones
                double m = (n % 2 == 1) ? lower.peek() : (lower.peek() + upper.peek()) / 2;
                return new long[] {n, Double.doubleToLongBits(m)};
            }
            java.util.concurrent.ConcurrentHashMap<Integer, Long> m = memo;
            if (m == null) {
                synchronized (this) {
                    m = memo;
                    if (m == null) memo = m = new java.util.concurrent.ConcurrentHashMap<>();
                }
            }
            Long bits = m.get(n);
            if (bits == null) {
                bits = Double.doubleToLongBits(PriceNorms.median(values, n));
                if (m.size() >= MAX_MEMO) m.clear();
                m.put(n, bits);
            }
            return new long[] {n, bits};
        }

        /** Number of values dated strictly before the day (the series is sorted by day). */
        private int countBefore(long day) {
            if (!sorted) {
                synchronized (this) {
                    if (!sorted) sortByDay();
                }
            }
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (days[mid] < day) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        /** A binary heap of doubles: the largest on top ({@code max}) or the smallest. */
        private static final class DoubleHeap {
            private final boolean max;
            private double[] a = new double[4];
            private int n;

            DoubleHeap(boolean max) { this.max = max; }

            int size() { return n; }

            double peek() { return a[0]; }

            private boolean above(double x, double y) { return max ? x > y : x < y; }

            void push(double v) {
                if (n == a.length) a = Arrays.copyOf(a, n * 2);
                int i = n++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (!above(v, a[parent])) break;
                    a[i] = a[parent];
                    i = parent;
                }
                a[i] = v;
            }

            double pop() {
                double top = a[0];
                double last = a[--n];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= n) break;
                    if (child + 1 < n && above(a[child + 1], a[child])) child++;
                    if (!above(a[child], last)) break;
                    a[i] = a[child];
                    i = child;
                }
                if (n > 0) a[i] = last;
                return top;
            }
        }

        private void sortByDay() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Long.compare(days[a], days[b]));
            long[] d = new long[days.length];
            double[] v = new double[values.length];
            for (int i = 0; i < size; i++) {
                d[i] = days[order[i]];
                v[i] = values[order[i]];
            }
            days = d;
            values = v;
            sorted = true;
        }
    }
}
