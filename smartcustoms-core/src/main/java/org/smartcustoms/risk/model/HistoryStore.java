package org.smartcustoms.risk.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * What customs knew about traders, goods and routes at a given date: how often each party / commodity / route
 * was seen, how many of its inspected declarations were irregular, when a party first appeared, and declared
 * unit prices per commodity and origin. The SAME store feeds training (rows replayed in date order), evaluation
 * and live serving, so the model sees identical features in all three.
 *
 * <p>No leakage by construction: {@link #observe} and {@link #record} only queue an event dated with the
 * declaration date; {@link #asOf(LocalDate)} applies the queued events dated strictly before the requested
 * date and then answers. Same-day and later events therefore never reach a declaration's features, whatever
 * order the calls come in. Labels can also be delayed ({@code labelDelayDays}), which mimics inspection
 * results arriving weeks after the declaration. Queries must come in non-decreasing date order for exact
 * point-in-time answers (applied events cannot be un-applied); a query for an earlier date sees the later state.
 * Thread-safe (all methods synchronized).
 */
public final class HistoryStore {

    /** Statistics of one key (e.g. {@code importer=7JD1S2X}). Mutable, owned by the store. */
    static final class Stats {
        int seen;
        int labelled;
        int frauds;
        int critical;
        long firstSeenEpochDay = Long.MIN_VALUE;
    }

    /** A point-in-time answer for one key; all zero when never seen. */
    public record KeyProfile(int seen, int labelled, int frauds, int critical, LocalDate firstSeen) {
        static final KeyProfile NONE = new KeyProfile(0, 0, 0, 0, null);
    }

    private record Event(Declaration declaration, BulkRow.Label label) { }

    private final int labelDelayDays;
    private final Map<String, Stats> stats = new HashMap<>();
    private final Map<String, FloatList> prices = new HashMap<>();
    private final Map<String, Float> medianCache = new HashMap<>();
    private final NavigableMap<LocalDate, List<Event>> pending = new TreeMap<>();
    private long totalLabelled;
    private long totalFrauds;
    private LocalDate appliedBefore = LocalDate.MIN;

    public HistoryStore() { this(0); }

    /** @param labelDelayDays labels become visible this many days after the declaration date (0 = next day) */
    public HistoryStore(int labelDelayDays) {
        if (labelDelayDays < 0) throw new IllegalArgumentException("labelDelayDays must be >= 0");
        this.labelDelayDays = labelDelayDays;
    }

    public int labelDelayDays() { return labelDelayDays; }

    /** A declaration was seen (lodged): counts occurrences, first-seen dates and prices, not outcomes. */
    public synchronized void observe(Declaration d) {
        requireDate(d);
        pending.computeIfAbsent(d.declarationDate(), k -> new ArrayList<>()).add(new Event(d, null));
    }

    /**
     * The inspection outcome of a declaration became known. Does NOT count the declaration as seen: call
     * {@link #observe} for that too (training replays call both).
     */
    public synchronized void record(Declaration d, BulkRow.Label label) {
        requireDate(d);
        java.util.Objects.requireNonNull(label, "label");
        pending.computeIfAbsent(d.declarationDate().plusDays(labelDelayDays), k -> new ArrayList<>())
                .add(new Event(d, label));
    }

    /** Applies everything dated strictly before {@code date}; returns this store for reading. */
    public synchronized HistoryStore asOf(LocalDate date) {
        while (!pending.isEmpty() && pending.firstKey().isBefore(date)) {
            Map.Entry<LocalDate, List<Event>> e = pending.pollFirstEntry();
            for (Event ev : e.getValue()) apply(ev);
        }
        if (date.isAfter(appliedBefore)) appliedBefore = date;
        return this;
    }

    /** Profile of one key ({@link FeatureExtractor} key names) in the applied state. */
    public synchronized KeyProfile profile(String key, String value) {
        if (value == null) return KeyProfile.NONE;
        Stats s = stats.get(key + "=" + value);
        if (s == null) return KeyProfile.NONE;
        return new KeyProfile(s.seen, s.labelled, s.frauds, s.critical,
                s.firstSeenEpochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(s.firstSeenEpochDay));
    }

    /** Fraud rate over all applied labels (the prior for smoothing); NaN before any label. */
    public synchronized double globalFraudRate() {
        return totalLabelled == 0 ? Double.NaN : (double) totalFrauds / totalLabelled;
    }

    public synchronized long labelledCount() { return totalLabelled; }

    /** Median of log(unit price per kg) seen for the key (e.g. HS6 x origin), NaN when fewer than 3 prices. */
    public synchronized float medianLogUnitPrice(String key, String value) {
        if (value == null) return Float.NaN;
        String k = key + "=" + value;
        Float cached = medianCache.get(k);
        if (cached != null) return cached;
        FloatList l = prices.get(k);
        float m = l == null || l.size < 3 ? Float.NaN : l.median();
        medianCache.put(k, m);
        return m;
    }

    private void apply(Event ev) {
        Declaration d = ev.declaration();
        long day = d.declarationDate().toEpochDay();
        for (GoodsItem item : d.items()) {
            Map<String, String> keys = FeatureExtractor.profileKeys(d, item);
            for (Map.Entry<String, String> k : keys.entrySet()) {
                if (k.getValue() == null) continue;
                Stats s = stats.computeIfAbsent(k.getKey() + "=" + k.getValue(), x -> new Stats());
                if (ev.label() == null) {
                    s.seen++;
                    if (s.firstSeenEpochDay == Long.MIN_VALUE || day < s.firstSeenEpochDay) s.firstSeenEpochDay = day;
                } else {
                    s.labelled++;
                    if (ev.label().fraud()) s.frauds++;
                    if (ev.label().criticalFraud() > 0) s.critical++;
                }
            }
            if (ev.label() == null) {
                float lup = FeatureExtractor.logUnitPrice(item);
                if (!Float.isNaN(lup)) {
                    for (String[] pk : FeatureExtractor.priceKeys(d, item)) {
                        if (pk[1] == null) continue;
                        String k = pk[0] + "=" + pk[1];
                        prices.computeIfAbsent(k, x -> new FloatList()).add(lup);
                        medianCache.remove(k);
                    }
                }
            } else {
                totalLabelled++;
                if (ev.label().fraud()) totalFrauds++;
            }
        }
    }

    private static void requireDate(Declaration d) {
        if (d.declarationDate() == null) throw new IllegalArgumentException("declaration has no date: " + d.lrn());
    }

    // ---- persistence (package-private, used by ModelArtefacts) ----

    /** Serializable state: applies all pending events first (the saved store is the state after all data). */
    synchronized State export() {
        asOf(LocalDate.MAX);
        Map<String, int[]> s = new HashMap<>(stats.size() * 2);
        Map<String, Long> first = new HashMap<>();
        for (Map.Entry<String, Stats> e : stats.entrySet()) {
            Stats v = e.getValue();
            s.put(e.getKey(), new int[] {v.seen, v.labelled, v.frauds, v.critical});
            if (v.firstSeenEpochDay != Long.MIN_VALUE) first.put(e.getKey(), v.firstSeenEpochDay);
        }
        Map<String, float[]> p = new HashMap<>();
        prices.forEach((k, v) -> p.put(k, Arrays.copyOf(v.data, v.size)));
        return new State(labelDelayDays, totalLabelled, totalFrauds, s, first, p);
    }

    static HistoryStore restore(State st) {
        HistoryStore h = new HistoryStore(st.labelDelayDays());
        h.totalLabelled = st.totalLabelled();
        h.totalFrauds = st.totalFrauds();
        st.stats().forEach((k, v) -> {
            Stats s = new Stats();
            s.seen = v[0]; s.labelled = v[1]; s.frauds = v[2]; s.critical = v[3];
            Long f = st.firstSeen().get(k);
            if (f != null) s.firstSeenEpochDay = f;
            h.stats.put(k, s);
        });
        st.prices().forEach((k, v) -> {
            FloatList l = new FloatList();
            for (float x : v) l.add(x);
            h.prices.put(k, l);
        });
        return h;
    }

    /** Plain serializable snapshot of the store. */
    record State(int labelDelayDays, long totalLabelled, long totalFrauds, Map<String, int[]> stats,
                 Map<String, Long> firstSeen, Map<String, float[]> prices) { }

    private static final class FloatList {
        float[] data = new float[4];
        int size;

        void add(float f) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = f;
        }

        float median() {
            float[] c = Arrays.copyOf(data, size);
            Arrays.sort(c);
            return size % 2 == 1 ? c[size / 2] : (c[size / 2 - 1] + c[size / 2]) / 2f;
        }
    }
}
