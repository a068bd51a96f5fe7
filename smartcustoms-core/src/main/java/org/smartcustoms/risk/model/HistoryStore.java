package org.smartcustoms.risk.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;
import org.smartcustoms.tariff.UnitValue;

/**
 * What customs knew about traders, goods and routes at a given date: how often each party / commodity / route
 * was seen, how many of its inspected declarations were irregular, when a party first appeared, and the
 * {@link PriceNorms price norms} (unit values per kg) of the declarations observed. The SAME store feeds training (rows replayed in date order), evaluation
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
    /** unit values per kg of the observed items, the one price-norm definition; guarded by {@link #lock} */
    private PriceNorms norms = new PriceNorms();
    /** converts declared values for the unit values; {@link #AS_DECLARED} for one-currency data */
    private final ExchangeRates rates;
    /** queued events by the day they become visible; guarded by its own monitor */
    private final NavigableMap<LocalDate, List<Event>> pending = new TreeMap<>();
    /** first day in {@link #pending}, as epoch day (Long.MAX_VALUE when empty), for a lock-free "nothing to apply" */
    private volatile long firstPendingDay = Long.MAX_VALUE;
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long totalLabelled;
    private long totalFrauds;
    /** bumped whenever events are applied; guarded by {@link #lock} */
    private long epoch;

    /**
     * Takes declared amounts as they are, in whatever currency they are declared: for training data in one
     * currency (a KCS extract), where conversion would change nothing. Unit values of items whose currency
     * differs are then not comparable; give the store real rates ({@link #HistoryStore(int, ExchangeRates)}).
     */
    public static final ExchangeRates AS_DECLARED = new ExchangeRates() {
        @Override
        public String nationalCurrency() { return null; }

        @Override
        public java.math.BigDecimal rate(String currency, LocalDate date) { return java.math.BigDecimal.ONE; }
    };

    public HistoryStore() { this(0); }

    /** @param labelDelayDays labels become visible this many days after the declaration date (0 = next day) */
    public HistoryStore(int labelDelayDays) { this(labelDelayDays, AS_DECLARED); }

    /** @param rates converts declared values into national currency at the declaration date, for price norms */
    public HistoryStore(int labelDelayDays, ExchangeRates rates) {
        if (labelDelayDays < 0) throw new IllegalArgumentException("labelDelayDays must be >= 0");
        this.labelDelayDays = labelDelayDays;
        this.rates = java.util.Objects.requireNonNull(rates, "rates");
    }

    /** The rates unit values are converted with. */
    public ExchangeRates rates() { return rates; }

    public int labelDelayDays() { return labelDelayDays; }

    /** An empty store with the same label delay and exchange rates, to be filled from another source of record. */
    public HistoryStore emptyLike() { return new HistoryStore(labelDelayDays, rates); }

    /**
     * A declaration was seen (lodged): counts occurrences, first-seen dates and prices, not outcomes. The answer
     * takes the observation back while it is still queued: a declaration observed when it was scored whose write then
     * failed (a concurrent submission of the same LRN won, its new MRN was taken, its batch rolled back) was never
     * stored, and must not be counted.
     */
    public Observation observe(Declaration d) {
        requireDate(d);
        LocalDate day = d.declarationDate();
        Event e = new Event(d, null);
        enqueue(day, e);
        return () -> dequeue(day, e);
    }

    /** An observation that can be taken back until it is applied. */
    @FunctionalInterface
    public interface Observation {
        /**
         * Removes the observation if it is still queued (nothing has asked for a date after its day yet: always so for
         * a declaration of today taken back within the day); false, and nothing changed, once it has been applied.
         */
        boolean withdraw();
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

    /** Removes this very event (not an equal one) from the queue; false if it is no longer queued. */
    private boolean dequeue(LocalDate day, Event e) {
        synchronized (pending) {
            List<Event> queued = pending.get(day);
            if (queued == null) return false;
            for (int i = 0; i < queued.size(); i++) {
                if (queued.get(i) != e) continue;
                queued.remove(i);
                if (queued.isEmpty()) {
                    pending.remove(day);
                    firstPendingDay = pending.isEmpty() ? Long.MAX_VALUE : pending.firstKey().toEpochDay();
                }
                return true;
            }
            return false;
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

    /**
     * Natural log of the {@link PriceNorms price norm} per kg of the item's HS6 × origin ({@code byOrigin}) or HS6
     * (all origins) in the applied state, NaN without a norm; caller holds the read lock.
     */
    float logNormUnlocked(GoodsItem item, boolean byOrigin) {
        String hs6 = item.hs6();
        String origin = item.originCountry();
        if (hs6 == null || (byOrigin && origin == null)) return Float.NaN;
        // everything applied is dated before the date the caller brought the store to: no further cut
        double m = norms.median(hs6, byOrigin ? origin : null, PriceNorms.Basis.PER_KG, LocalDate.MAX);
        return Double.isNaN(m) ? Float.NaN : (float) Math.log(m);
    }

    /** The price norms of the applied state; caller holds the read lock. */
    PriceNorms normsUnlocked() { return norms; }

    /**
     * Counts a declaration once per value it carries: an importer with three items on one declaration has one
     * declaration more (and, when labelled, one irregular declaration), as the explanations and watch lists say.
     */
    private void apply(Event ev) {
        Declaration d = ev.declaration();
        long day = d.declarationDate().toEpochDay();
        // the keys counted for this declaration: an open-addressing set of non-zero longs
        long[] counted = new long[Integer.highestOneBit(ModelFeatureVector.KEYS.size() * Math.max(1, d.items().size())) * 4];
        for (GoodsItem item : d.items()) {
            long[] keys = ModelFeatureVector.keyHashes(d, item);
            String[] values = null; // the value texts only name a new slot: built when one is added
            for (int k = 0; k < keys.length; k++) {
                if (keys[k] == 0 || !addTo(counted, keys[k])) continue;
                int slot = profiles.find(keys[k]);
                if (slot < 0) {
                    if (values == null) values = ModelFeatureVector.keyValues(d, item);
                    slot = profiles.findOrAdd(keys[k], ModelFeatureVector.KEYS.get(k) + "=" + values[k]);
                }
                if (ev.label() == null) {
                    profiles.observe(slot, day);
                } else {
                    profiles.label(slot, ev.label().fraud(), ev.label().criticalFraud() > 0);
                }
            }
            if (ev.label() == null) UnitValue.of(d, item, PriceNorms.Basis.PER_KG, rates).ifPresent(norms::add);
        }
        if (ev.label() != null) {
            totalLabelled++;
            if (ev.label().fraud()) totalFrauds++;
        }
    }

    /** Adds a non-zero key to an open-addressing set (a power-of-two array, at most half full); false if present. */
    private static boolean addTo(long[] set, long key) {
        int mask = set.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (set[i] != 0) {
            if (set[i] == key) return false;
            i = (i + 1) & mask;
        }
        set[i] = key;
        return true;
    }

    private static void requireDate(Declaration d) {
        if (d.declarationDate() == null) throw new IllegalArgumentException("declaration has no date: " + d.lrn());
    }

    // ---- persistence (package-private, used by TrainedFraudModel.save/load) ----

    private static final int MAGIC_TEXT_KEYS = 0x534d4831; // "SMH1": entries named by text only
    private static final int MAGIC_LOG_PRICES = 0x534d4832; // "SMH2": entries with their table key, log prices
    private static final int MAGIC = 0x534d4833; // "SMH3": entries with their table key, dated unit values

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
        norms.writeTo(o);
        o.flush();
    }

    static HistoryStore readFrom(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream i = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        int magic = i.readInt();
        if (magic == MAGIC_LOG_PRICES || magic == MAGIC_TEXT_KEYS) {
            throw new java.io.IOException("history file of an older feature schema (log prices without dates); retrain the model");
        }
        if (magic != MAGIC) throw new java.io.IOException("not a history file (bad magic number)");
        HistoryStore h = new HistoryStore(i.readInt());
        h.totalLabelled = i.readLong();
        h.totalFrauds = i.readLong();
        int n = i.readInt();
        for (int k = 0; k < n; k++) {
            long tableKey = i.readLong();
            String text = i.readUTF();
            int slot = h.profiles.findOrAdd(tableKey, text);
            h.profiles.set(slot, i.readInt(), i.readInt(), i.readInt(), i.readInt(), i.readLong());
        }
        h.norms = PriceNorms.readFrom(i);
        return h;
    }
}
