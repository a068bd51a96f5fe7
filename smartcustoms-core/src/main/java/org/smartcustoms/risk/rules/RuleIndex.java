package org.smartcustoms.risk.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Scope index: maps the exact scope of each rule (HS prefix, origin, party, office) to primitive arrays
 * of rule slots. A scope key is two longs: the HS prefix digits with their length, and dictionary numbers
 * of party, origin and office. At lookup an item probes only the scope shapes that exist in the rule set
 * (e.g. "HS6 + origin", "party only"), one hash probe each, so the cost follows the number of matching
 * rules and shapes, never the total number of rules.
 */
final class RuleIndex {
    private final Map<String, Integer> origins = new HashMap<>();
    private final Map<String, Integer> offices = new HashMap<>();
    private final Map<String, Integer> parties = new HashMap<>();
    /**
     * Open-addressing table, three longs per slot: key1, key2, and (offset << 32 | count) into
     * {@link #postings}; count 0 marks an empty slot. One cache line per probe.
     */
    private final long[] table;
    private int[] postings;
    private final int mask;
    private final int[] shapes;
    private final int distinctKeys;

    RuleIndex(List<Rule> rules) {
        int n = rules.size();
        long[] k1 = new long[n];
        long[] k2 = new long[n];
        boolean[] shapePresent = new boolean[64];
        for (int i = 0; i < n; i++) {
            RuleScope s = rules.get(i).scope();
            int originNo = s.origin() == null ? 0 : number(origins, s.origin(), 0xFFFF);
            int officeNo = s.officeId() == null ? 0 : number(offices, s.officeId(), 0xFFFF);
            int partyNo = s.partyId() == null ? 0 : number(parties, s.partyId(), Integer.MAX_VALUE);
            k1[i] = s.hsPrefix() == null ? 0 : hsKey(s.hsPrefix(), s.hsPrefix().length());
            k2[i] = key2(partyNo, originNo, officeNo);
            int shape = (s.hsPrefix() == null ? 0 : s.hsPrefix().length() / 2) | (originNo != 0 ? 8 : 0)
                    | (partyNo != 0 ? 16 : 0) | (officeNo != 0 ? 32 : 0);
            shapePresent[shape] = true;
        }
        int cap = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        table = new long[3 * cap];
        mask = cap - 1;
        int[] slotOfRule = new int[n];
        int[] counts = new int[cap];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            int slot = claim(k1[i], k2[i], counts);
            slotOfRule[i] = slot;
            if (counts[slot]++ == 0) distinct++;
        }
        int offset = 0;
        int[] fill = new int[cap];
        for (int s = 0; s < cap; s++) {
            if (counts[s] == 0) continue;
            table[3 * s + 2] = ((long) offset << 32) | counts[s];
            fill[s] = offset;
            offset += counts[s];
        }
        postings = new int[n];
        for (int i = 0; i < n; i++) postings[fill[slotOfRule[i]]++] = i;
        distinctKeys = distinct;
        int c = 0;
        for (boolean b : shapePresent) if (b) c++;
        shapes = new int[c];
        c = 0;
        for (int s = 0; s < 64; s++) if (shapePresent[s]) shapes[c++] = s;
    }

    private int claim(long k1, long k2, int[] counts) {
        int slot = (int) mix(k1, k2) & mask;
        while (true) {
            if (counts[slot] == 0) {
                table[3 * slot] = k1;
                table[3 * slot + 1] = k2;
                return slot;
            }
            if (table[3 * slot] == k1 && table[3 * slot + 1] == k2) return slot;
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Position -> load index of every rule, grouped by scope key (load order within a key). Candidates are
     * reported as positions; the caller keeps its per-rule data in this order. Hands the array over.
     */
    int[] takeOrder() {
        int[] o = postings;
        postings = null;
        return o;
    }

    int distinctKeys() {
        return distinctKeys;
    }

    int shapeCount() {
        return shapes.length;
    }

    /** Dictionary number of a party id, or 0 if no rule is scoped to it. */
    int partyNumber(String partyId) {
        Integer p = partyId == null ? null : parties.get(partyId);
        return p == null ? 0 : p;
    }

    /**
     * Calls {@code sink} with the position (see {@link #takeOrder()}) of every rule whose scope matches the item.
     *
     * @param partyNumbers dictionary numbers of the declaration's distinct parties (0s skipped)
     */
    void candidates(String hs, String origin, String office, int[] partyNumbers, IntConsumer sink) {
        long[] hsKeys = new long[6];
        int maxHsLen = 0;
        for (int len = 2; len <= 10 && len <= hs.length(); len += 2) {
            if (!allDigits(hs, len)) break;
            hsKeys[len / 2] = hsKey(hs, len);
            maxHsLen = len / 2;
        }
        Integer o = origin.isEmpty() ? null : origins.get(origin);
        Integer f = office.isEmpty() ? null : offices.get(office);
        int originNo = o == null ? 0 : o;
        int officeNo = f == null ? 0 : f;
        for (int shape : shapes) {
            int hsLen = shape & 7;
            if (hsLen > maxHsLen) continue;
            boolean wantOrigin = (shape & 8) != 0;
            boolean wantParty = (shape & 16) != 0;
            boolean wantOffice = (shape & 32) != 0;
            if ((wantOrigin && originNo == 0) || (wantOffice && officeNo == 0)) continue;
            long k1 = hsKeys[hsLen];
            int on = wantOrigin ? originNo : 0;
            int fn = wantOffice ? officeNo : 0;
            if (wantParty) {
                for (int p : partyNumbers) {
                    if (p != 0) emit(k1, key2(p, on, fn), sink);
                }
            } else {
                emit(k1, key2(0, on, fn), sink);
            }
        }
    }

    private void emit(long k1, long k2, IntConsumer sink) {
        int slot = (int) mix(k1, k2) & mask;
        while (true) {
            long packed = table[3 * slot + 2];
            if (packed == 0) return;
            if (table[3 * slot] == k1 && table[3 * slot + 1] == k2) {
                int offset = (int) (packed >>> 32);
                int end = offset + (int) packed;
                for (int i = offset; i < end; i++) sink.accept(i);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int number(Map<String, Integer> dict, String key, int limit) {
        Integer n = dict.get(key);
        if (n != null) return n;
        int next = dict.size() + 1;
        if (next > limit) throw new IllegalArgumentException("too many distinct scope values (" + limit + ")");
        dict.put(key, next);
        return next;
    }

    private static long key2(int party, int origin, int office) {
        return ((long) party << 32) | ((long) origin << 16) | office;
    }

    private static boolean allDigits(String s, int len) {
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    static long hsKey(String hs, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) v = v * 10 + (hs.charAt(i) - '0');
        return (v << 3) | (len / 2);
    }

    private static long mix(long a, long b) {
        return org.smartcustoms.risk.Hashes.fmix64(a * 0x9E3779B97F4A7C15L ^ b);
    }
}
