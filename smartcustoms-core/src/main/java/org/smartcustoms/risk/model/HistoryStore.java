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
 * events takes the write lock, and queueing takes only the queue's monitor. Statistics live in a
 * {@link ProfileTable} keyed by hashes of (key, value), so a look-up builds no string and touches one cache line.
 */
public final class HistoryStore {

    /** A point-in-time answer for one key; all zero when never seen. */
    public record KeyProfile(int seen, int labelled, int frauds, int critical, LocalDate firstSeen) {
        static final KeyProfile NONE = new KeyProfile(0, 0, 0, 0, null);
    }

    private record Event(Declaration declaration, BulkRow.Label label) { }

    private final int labelDelayDays;
    /** statistics per (profiled key, value); guarded by {@link #lock} */
    private final ProfileTable profiles = new ProfileTable();
    private final Map<String, FloatList> prices = new HashMap<>();
    /** medians of {@link #prices}, by price key ({@link #priceKey}), brought up to date whenever events are applied */
    private final MedianTable medians = new MedianTable();
    /** price keys whose list changed since the medians were last brought up to date */
    private final java.util.Set<String> dirtyPrices = new java.util.HashSet<>();
    /** queued events by the day they become visible; guarded by its own monitor */
    private final NavigableMap<LocalDate, List<Event>> pending = new TreeMap<>();
    /** first day in {@link #pending}, as epoch day (Long.MAX_VALUE when empty), for a lock-free "nothing to apply" */
    private volatile long firstPendingDay = Long.MAX_VALUE;
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long totalLabelled;
    private long totalFrauds;
    /** bumped whenever events are applied; guarded by {@link #lock} */
    private long epoch;

    public HistoryStore() { this(0); }

    /** @param labelDelayDays labels become visible this many days after the declaration date (0 = next day) */
    public HistoryStore(int labelDelayDays) {
        if (labelDelayDays < 0) throw new IllegalArgumentException("labelDelayDays must be >= 0");
        this.labelDelayDays = labelDelayDays;
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
            refreshMedians();
            epoch++;
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

    /**
     * Profile of one value ({@link ModelFeatureVector} key names; pair values joined by '|', the route by '>')
     * in the applied state.
     */
    public KeyProfile profile(String key, String value) {
        int k = ModelFeatureVector.KEYS.indexOf(key);
        if (k < 0) throw new IllegalArgumentException("unknown key " + key);
        if (value == null) return KeyProfile.NONE;
        long tableKey = ModelFeatureVector.keyOf(k, value);
        return read(h -> h.profileUnlocked(tableKey));
    }

    /** {@link #profile} by table key ({@link ModelFeatureVector#keyHashes}; 0 = absent); caller holds the read lock. */
    KeyProfile profileUnlocked(long tableKey) {
        int slot = tableKey == 0 ? -1 : profiles.find(tableKey);
        if (slot < 0) return KeyProfile.NONE;
        long first = profiles.firstSeen(slot);
        return new KeyProfile(profiles.seen(slot), profiles.labelled(slot), profiles.frauds(slot),
                profiles.critical(slot), first == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(first));
    }

    /** Changes whenever events are applied: cached reads of an older epoch are stale. Caller holds the read lock. */
    long epochUnlocked() { return epoch; }

    /** The table itself, for reading by {@link ModelFeatureVector}; caller holds the read lock. */
    ProfileTable profilesUnlocked() { return profiles; }

    /** Fraud rate over all applied labels (the prior for smoothing); NaN before any label. */
    public double globalFraudRate() {
        return read(HistoryStore::globalFraudRateUnlocked);
    }

    double globalFraudRateUnlocked() {
        return totalLabelled == 0 ? Double.NaN : (double) totalFrauds / totalLabelled;
    }

    /** Median of the prices of the item's HS6 x origin ({@code byOrigin}) or HS6; caller holds the read lock. */
    float medianUnlocked(GoodsItem item, boolean byOrigin) {
        String hs6 = item.hs6();
        String origin = item.originCountry();
        if (hs6 == null || (byOrigin && origin == null)) return Float.NaN;
        return medians.get(priceKey(hs6, byOrigin ? origin : null));
    }

    /** The median table's key of the prices of {@code hs6} from {@code origin}, or of all origins when null. */
    private static long priceKey(String hs6, String origin) {
        long h = ProfileTable.hash(hs6);
        return origin == null ? ProfileTable.key(PRICE_HS6, h)
                : ProfileTable.key(PRICE_HS6_ORIGIN, ProfileTable.pair(h, ProfileTable.hash(origin)));
    }

    private static final int PRICE_HS6_ORIGIN = 100;
    private static final int PRICE_HS6 = 101;

    /** The median table's key of a price list named {@code hs6_origin=HS6|ORIGIN} or {@code hs6=HS6}. */
    static long priceKey(String text) {
        int eq = text.indexOf('=');
        String kind = eq < 0 ? "" : text.substring(0, eq);
        String value = text.substring(eq + 1);
        if (kind.equals("hs6")) return priceKey(value, null);
        int bar = value.indexOf('|');
        if (!kind.equals("hs6_origin") || bar < 0) throw new IllegalArgumentException("not a price key: " + text);
        return priceKey(value.substring(0, bar), value.substring(bar + 1));
    }

    /** Recomputes the medians of the price lists that changed; under the write lock. */
    private void refreshMedians() {
        for (String k : dirtyPrices) {
            FloatList l = prices.get(k);
            medians.put(priceKey(k), l == null || l.size < 3 ? Float.NaN : l.median());
        }
        dirtyPrices.clear();
    }

    /** Open-addressing map from a 64-bit key to a float: reads allocate nothing. Written under the write lock only. */
    private static final class MedianTable {
        private long[] keys = new long[1 << 10];
        private float[] values = new float[1 << 10];
        private int size;

        float get(long key) {
            int mask = keys.length - 1;
            int i = (int) key & mask;
            while (true) {
                long k = keys[i];
                if (k == key) return values[i];
                if (k == 0) return Float.NaN;
                i = (i + 1) & mask;
            }
        }

        void put(long key, float value) {
            if ((size + 1) * 3 > keys.length * 2) {
                long[] oldKeys = keys;
                float[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new float[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldKeys[i], oldValues[i]);
            }
            int mask = keys.length - 1;
            int i = (int) key & mask;
            while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
            if (keys[i] == 0) size++;
            keys[i] = key;
            values[i] = value;
        }
    }

    private void apply(Event ev) {
        Declaration d = ev.declaration();
        long day = d.declarationDate().toEpochDay();
        for (GoodsItem item : d.items()) {
            String[] values = ModelFeatureVector.keyValues(d, item);
            long[] keys = ModelFeatureVector.keyHashes(d, item);
            for (int k = 0; k < values.length; k++) {
                if (keys[k] == 0) continue;
                int slot = profiles.findOrAdd(keys[k], ModelFeatureVector.KEYS.get(k) + "=" + values[k]);
                if (ev.label() == null) {
                    profiles.observe(slot, day);
                } else {
                    profiles.label(slot, ev.label().fraud(), ev.label().criticalFraud() > 0);
                }
            }
            if (ev.label() == null) {
                float lup = ModelFeatureVector.logUnitPrice(item);
                if (!Float.isNaN(lup)) {
                    for (String[] pk : ModelFeatureVector.priceKeys(d, item)) {
                        if (pk[1] == null) continue;
                        String k = pk[0] + "=" + pk[1];
                        prices.computeIfAbsent(k, x -> new FloatList()).add(lup);
                        dirtyPrices.add(k);
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

    private static final int MAGIC_TEXT_KEYS = 0x534d4831; // "SMH1": entries named by text only
    private static final int MAGIC = 0x534d4832; // "SMH2": entries with their table key

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
        o.writeInt(profiles.size());
        for (int slot = 0; slot < profiles.capacity(); slot++) {
            if (profiles.key(slot) == 0) continue;
            o.writeLong(profiles.key(slot));
            o.writeUTF(profiles.text(slot));
            o.writeInt(profiles.seen(slot));
            o.writeInt(profiles.labelled(slot));
            o.writeInt(profiles.frauds(slot));
            o.writeInt(profiles.critical(slot));
            o.writeLong(profiles.firstSeen(slot));
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
        int magic = i.readInt();
        if (magic != MAGIC && magic != MAGIC_TEXT_KEYS) throw new java.io.IOException("not a history file (bad magic number)");
        HistoryStore h = new HistoryStore(i.readInt());
        h.totalLabelled = i.readLong();
        h.totalFrauds = i.readLong();
        int n = i.readInt();
        for (int k = 0; k < n; k++) {
            long tableKey = magic == MAGIC ? i.readLong() : 0;
            String text = i.readUTF();
            if (magic == MAGIC_TEXT_KEYS) {
                int eq = text.indexOf('=');
                int index = eq < 0 ? -1 : ModelFeatureVector.KEYS.indexOf(text.substring(0, eq));
                if (index < 0) throw new java.io.IOException("unknown profile key in history file: " + text);
                try {
                    tableKey = ModelFeatureVector.keyOf(index, text.substring(eq + 1));
                } catch (IllegalArgumentException e) {
                    throw new java.io.IOException("bad profile entry in history file: " + e.getMessage(), e);
                }
            }
            int slot = h.profiles.findOrAdd(tableKey, text);
            h.profiles.set(slot, i.readInt(), i.readInt(), i.readInt(), i.readInt(), i.readLong());
        }
        int m = i.readInt();
        for (int k = 0; k < m; k++) {
            String key = i.readUTF();
            int size = i.readInt();
            FloatList l = new FloatList();
            for (int j = 0; j < size; j++) l.add(i.readFloat());
            h.prices.put(key, l);
            h.dirtyPrices.add(key);
        }
        try {
            h.refreshMedians();
        } catch (IllegalArgumentException e) {
            throw new java.io.IOException("bad price entry in history file: " + e.getMessage(), e);
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
