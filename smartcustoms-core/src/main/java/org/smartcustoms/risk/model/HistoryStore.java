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
 *
 * <p>Thread-safe: reads share a read lock (scoring threads do not queue behind each other), applying queued
 * events takes the write lock, and queueing takes only the queue's monitor. Statistics are kept per profiled
 * key ({@link FeatureExtractor#KEYS}) and looked up by the declaration's own value strings, so a look-up
 * allocates nothing for single keys.
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
    /** statistics per profiled key (index in {@link FeatureExtractor#KEYS}), by value; guarded by {@link #lock} */
    @SuppressWarnings("unchecked")
    private final Map<String, Stats>[] stats = new Map[FeatureExtractor.KEYS.size()];
    private final Map<String, FloatList> prices = new HashMap<>();
    private final Map<String, Float> medianCache = new java.util.concurrent.ConcurrentHashMap<>();
    /** queued events by the day they become visible; guarded by its own monitor */
    private final NavigableMap<LocalDate, List<Event>> pending = new TreeMap<>();
    /** first day in {@link #pending}, as epoch day (Long.MAX_VALUE when empty), for a lock-free "nothing to apply" */
    private volatile long firstPendingDay = Long.MAX_VALUE;
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long totalLabelled;
    private long totalFrauds;

    public HistoryStore() { this(0); }

    /** @param labelDelayDays labels become visible this many days after the declaration date (0 = next day) */
    public HistoryStore(int labelDelayDays) {
        if (labelDelayDays < 0) throw new IllegalArgumentException("labelDelayDays must be >= 0");
        this.labelDelayDays = labelDelayDays;
        for (int i = 0; i < stats.length; i++) stats[i] = new HashMap<>();
    }

    public int labelDelayDays() { return labelDelayDays; }

    /** A declaration was seen (lodged): counts occurrences, first-seen dates and prices, not outcomes. */
    public void observe(Declaration d) {
        requireDate(d);
        enqueue(d.declarationDate(), new Event(d, null));
    }

    /**
     * The inspection outcome of a declaration became known. Does NOT count the declaration as seen: call
     * {@link #observe} for that too (training replays call both).
     */
    public void record(Declaration d, BulkRow.Label label) {
        requireDate(d);
        java.util.Objects.requireNonNull(label, "label");
        enqueue(d.declarationDate().plusDays(labelDelayDays), new Event(d, label));
    }

    private void enqueue(LocalDate day, Event e) {
        synchronized (pending) {
            pending.computeIfAbsent(day, k -> new ArrayList<>()).add(e);
            firstPendingDay = pending.firstKey().toEpochDay();
        }
    }

    /** Applies everything dated strictly before {@code date}; returns this store for reading. */
    public HistoryStore asOf(LocalDate date) {
        if (firstPendingDay >= date.toEpochDay()) return this; // nothing due: no lock at all
        lock.writeLock().lock();
        try {
            applyBefore(date);
        } finally {
            lock.writeLock().unlock();
        }
        return this;
    }

    /** Under the write lock. */
    private void applyBefore(LocalDate date) {
        while (true) {
            List<Event> due;
            synchronized (pending) {
                if (pending.isEmpty() || !pending.firstKey().isBefore(date)) return;
                due = pending.pollFirstEntry().getValue();
                firstPendingDay = pending.isEmpty() ? Long.MAX_VALUE : pending.firstKey().toEpochDay();
            }
            for (Event ev : due) apply(ev);
        }
    }

    /**
     * Runs {@code reader} on one consistent state as of {@code date} (queued events dated before it applied
     * first), holding the read lock so that no event is applied half-way through.
     */
    <T> T readAsOf(LocalDate date, java.util.function.Function<HistoryStore, T> reader) {
        if (firstPendingDay < date.toEpochDay()) {
            lock.writeLock().lock();
            try {
                applyBefore(date);
                lock.readLock().lock(); // downgrade: no other writer can slip in between
            } finally {
                lock.writeLock().unlock();
            }
        } else {
            lock.readLock().lock();
        }
        try {
            return reader.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code reader} on the current state under the read lock. */
    <T> T read(java.util.function.Function<HistoryStore, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Profile of one key ({@link FeatureExtractor} key names) in the applied state. */
    public KeyProfile profile(String key, String value) {
        int k = FeatureExtractor.KEYS.indexOf(key);
        if (k < 0) throw new IllegalArgumentException("unknown key " + key);
        return read(h -> h.profileUnlocked(k, value));
    }

    /** {@link #profile} for the key at index {@code key} of {@link FeatureExtractor#KEYS}; caller holds the read lock. */
    KeyProfile profileUnlocked(int key, String value) {
        if (value == null) return KeyProfile.NONE;
        Stats s = stats[key].get(value);
        if (s == null) return KeyProfile.NONE;
        return new KeyProfile(s.seen, s.labelled, s.frauds, s.critical,
                s.firstSeenEpochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(s.firstSeenEpochDay));
    }

    /** The mutable statistics of a key's value, or null; caller holds the read lock and only reads them. */
    Stats statsUnlocked(int key, String value) {
        return value == null ? null : stats[key].get(value);
    }

    /** Fraud rate over all applied labels (the prior for smoothing); NaN before any label. */
    public double globalFraudRate() {
        return read(HistoryStore::globalFraudRateUnlocked);
    }

    double globalFraudRateUnlocked() {
        return totalLabelled == 0 ? Double.NaN : (double) totalFrauds / totalLabelled;
    }

    public long labelledCount() { return read(h -> h.totalLabelled); }

    /** Median of log(unit price per kg) seen for the key (e.g. HS6 x origin), NaN when fewer than 3 prices. */
    public float medianLogUnitPrice(String key, String value) {
        return read(h -> h.medianUnlocked(key, value));
    }

    /** {@link #medianLogUnitPrice}; caller holds the read lock. */
    float medianUnlocked(String key, String value) {
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
            String[] values = FeatureExtractor.keyValues(d, item);
            for (int k = 0; k < values.length; k++) {
                if (values[k] == null) continue;
                Stats s = stats[k].computeIfAbsent(values[k], x -> new Stats());
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

    // ---- persistence (package-private, used by TrainedFraudModel.save/load) ----

    private static final int MAGIC = 0x534d4831; // "SMH1"

    /**
     * Writes the state after applying every queued event (the saved store is the state after all data), in a
     * compact binary form: JSON was ten times slower to load for the ~10^5 keys of a KCS year.
     */
    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        asOf(LocalDate.MAX);
        lock.readLock().lock();
        try {
            write(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(java.io.OutputStream out) throws java.io.IOException {
        java.io.DataOutputStream o = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        o.writeInt(MAGIC);
        o.writeInt(labelDelayDays);
        o.writeLong(totalLabelled);
        o.writeLong(totalFrauds);
        int count = 0;
        for (Map<String, Stats> m : stats) count += m.size();
        o.writeInt(count);
        for (int k = 0; k < stats.length; k++) for (Map.Entry<String, Stats> e : stats[k].entrySet()) {
            Stats v = e.getValue();
            o.writeUTF(FeatureExtractor.KEYS.get(k) + "=" + e.getKey());
            o.writeInt(v.seen);
            o.writeInt(v.labelled);
            o.writeInt(v.frauds);
            o.writeInt(v.critical);
            o.writeLong(v.firstSeenEpochDay);
        }
        o.writeInt(prices.size());
        for (Map.Entry<String, FloatList> e : prices.entrySet()) {
            o.writeUTF(e.getKey());
            o.writeInt(e.getValue().size);
            for (int i = 0; i < e.getValue().size; i++) o.writeFloat(e.getValue().data[i]);
        }
        o.flush();
    }

    static HistoryStore readFrom(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream i = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        if (i.readInt() != MAGIC) throw new java.io.IOException("not a history file (bad magic number)");
        HistoryStore h = new HistoryStore(i.readInt());
        h.totalLabelled = i.readLong();
        h.totalFrauds = i.readLong();
        int n = i.readInt();
        for (int k = 0; k < n; k++) {
            String key = i.readUTF();
            int eq = key.indexOf('=');
            int index = eq < 0 ? -1 : FeatureExtractor.KEYS.indexOf(key.substring(0, eq));
            if (index < 0) throw new java.io.IOException("unknown profile key in history file: " + key);
            Stats s = new Stats();
            s.seen = i.readInt();
            s.labelled = i.readInt();
            s.frauds = i.readInt();
            s.critical = i.readInt();
            s.firstSeenEpochDay = i.readLong();
            h.stats[index].put(key.substring(eq + 1), s);
        }
        int m = i.readInt();
        for (int k = 0; k < m; k++) {
            String key = i.readUTF();
            int size = i.readInt();
            FloatList l = new FloatList();
            for (int j = 0; j < size; j++) l.add(i.readFloat());
            h.prices.put(key, l);
        }
        return h;
    }

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
