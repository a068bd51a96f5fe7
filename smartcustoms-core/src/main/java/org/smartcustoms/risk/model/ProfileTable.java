package org.smartcustoms.risk.model;

/**
 * Statistics of profiled values (an importer, an HS code, a route…) in one open-addressing table of longs,
 * keyed by a 64-bit hash of (key kind, value).
 *
 * <p>Why: scoring one goods item reads about 24 profiles. In a {@code HashMap<String, Stats>} each read builds
 * a key string and follows four or five pointers (table, node, key, its bytes, value) into a map of up to
 * millions of entries, which is cache misses all the way; here the hash is computed from the declaration's
 * strings without building any, and the four numbers of a profile sit next to the key in one cache line.
 * Two different values collide only if their 64-bit hashes do (about n^2 / 2^65 for n values: nil for the
 * ~10^6 values of a customs year). The value's text is kept beside, for saving and for people, never read
 * on the scoring path. Not thread-safe: {@link HistoryStore} guards it.
 */
final class ProfileTable {
    private static final int STRIDE = 4; // key, seen<<32 | labelled, frauds<<32 | critical, first seen epoch day
    private static final long NO_DAY = Long.MIN_VALUE;

    private long[] slots;
    private String[] texts;
    private int mask;
    private int size;

    ProfileTable() {
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        slots = new long[capacity * STRIDE];
        texts = new String[capacity];
        mask = capacity - 1;
        size = 0;
    }

    int size() { return size; }

    /** Home slot of {@code key} (where probing starts). */
    int home(long key) { return (int) key & mask; }

    /** The key stored at {@code key}'s home slot (0 when empty): one load, for callers batching first probes. */
    long keyAtHome(long key) { return slots[((int) key & mask) * STRIDE]; }

    /** Slot of {@code key}, or -1. */
    int find(long key) {
        int i = (int) key & mask;
        while (true) {
            long k = slots[i * STRIDE];
            if (k == key) return i;
            if (k == 0) return -1;
            i = (i + 1) & mask;
        }
    }

    /** Slot of {@code key}, created (zero counts, no first day) when absent; {@code text} names it. */
    int findOrAdd(long key, String text) {
        int found = find(key);
        if (found >= 0) return found;
        if ((size + 1) * 3 > (mask + 1) * 2) grow(); // keep the load below 2/3
        int i = (int) key & mask;
        while (slots[i * STRIDE] != 0) i = (i + 1) & mask;
        slots[i * STRIDE] = key;
        slots[i * STRIDE + 3] = NO_DAY;
        texts[i] = text;
        size++;
        return i;
    }

    private void grow() {
        long[] oldSlots = slots;
        String[] oldTexts = texts;
        allocate((mask + 1) * 2);
        for (int s = 0; s < oldTexts.length; s++) {
            long key = oldSlots[s * STRIDE];
            if (key == 0) continue;
            int i = (int) key & mask;
            while (slots[i * STRIDE] != 0) i = (i + 1) & mask;
            System.arraycopy(oldSlots, s * STRIDE, slots, i * STRIDE, STRIDE);
            texts[i] = oldTexts[s];
            size++;
        }
    }

    int seen(int slot) { return (int) (slots[slot * STRIDE + 1] >>> 32); }
    int labelled(int slot) { return (int) slots[slot * STRIDE + 1]; }
    int frauds(int slot) { return (int) (slots[slot * STRIDE + 2] >>> 32); }
    int critical(int slot) { return (int) slots[slot * STRIDE + 2]; }
    /** Epoch day first seen, or {@link Long#MIN_VALUE}. */
    long firstSeen(int slot) { return slots[slot * STRIDE + 3]; }
    String text(int slot) { return texts[slot]; }
    long key(int slot) { return slots[slot * STRIDE]; }
    /** Slots in use are those with a non-zero {@link #key}; there are {@link #capacity()} slots. */
    int capacity() { return texts.length; }

    void set(int slot, int seen, int labelled, int frauds, int critical, long firstSeen) {
        slots[slot * STRIDE + 1] = ((long) seen << 32) | (labelled & 0xFFFFFFFFL);
        slots[slot * STRIDE + 2] = ((long) frauds << 32) | (critical & 0xFFFFFFFFL);
        slots[slot * STRIDE + 3] = firstSeen;
    }

    void observe(int slot, long day) {
        set(slot, seen(slot) + 1, labelled(slot), frauds(slot), critical(slot),
                firstSeen(slot) == NO_DAY || day < firstSeen(slot) ? day : firstSeen(slot));
    }

    void label(int slot, boolean fraud, boolean critical) {
        set(slot, seen(slot), labelled(slot) + 1, frauds(slot) + (fraud ? 1 : 0), critical(slot) + (critical ? 1 : 0),
                firstSeen(slot));
    }

    // ---------------------------------------------------------------- hashing

    /** 64-bit hash of a string (FNV-1a over its chars, then a MurmurHash3 finaliser); never used alone as a key. */
    static long hash(String s) {
        return hash(s, s.length());
    }

    /** {@link #hash} of the first {@code length} chars (an HS heading or chapter of an HS6 code, unextracted). */
    static long hash(String s, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        return mix(h);
    }

    /** Hash of an ordered pair of hashed parts. */
    static long pair(long a, long b) {
        return mix(a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L);
    }

    /** Key of value hash {@code valueHash} under key kind {@code kind}; never 0 (0 marks an empty slot). */
    static long key(int kind, long valueHash) {
        long k = mix(valueHash ^ ((kind + 1) * 0xC2B2AE3D27D4EB4FL));
        return k == 0 ? 1 : k;
    }

    private static long mix(long h) {
        return org.smartcustoms.risk.Hashes.fmix64(h);
    }
}
