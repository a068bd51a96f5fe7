package org.smartcustoms.risk.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.bulk.KcsCsvReader;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;
import org.smartcustoms.tariff.UnitValue;

/**
 * Turns one goods item of a declaration, plus what the {@link HistoryStore} knew before the declaration date,
 * into the numeric vector the gradient-boosted model reads. One code path for training on KCS rows, training
 * on stored inspection outcomes and live scoring, so features cannot drift between them.
 *
 * <p>Categorical fields are encoded by their history rather than by identity: occurrence count (frequency
 * encoding), number of labelled declarations and smoothed irregularity rate (time-ordered target encoding
 * — only earlier labels, so no leakage), and for parties the days since first seen. Numeric fields are
 * log-scaled; the item's unit value per kg is compared with the {@link org.smartcustoms.tariff.PriceNorms price norm}
 * of the same HS6 and origin (and of the HS6 from all origins) as of the declaration date. Missing values
 * are NaN (XGBoost's missing value).
 */
public final class ModelFeatureVector {

    /** Bump when the meaning of a feature changes: it is part of the schema hash checked when loading models. */
    static final String VERSION = "kcs-features-2"; // 2: unit prices and norms from the one PriceNorms

    /** Pseudo-count of the smoothing towards the global rate: rate = (frauds + m * prior) / (n + m). */
    static final double SMOOTHING = 10;

    /** The profiled keys, in feature order. */
    static final List<String> KEYS = List.of("office", "declarant", "importer", "seller", "courier", "hs6", "hs4",
            "hs2", "origin", "departure", "mode", "procedure", "taxtype", "payment", "originind", "processtype",
            "importer_hs6", "hs6_origin", "declarant_importer", "importer_seller", "seller_hs6", "route",
            "importer_origin", "declarant_hs6");

    static final List<String> PARTY_KEYS = List.of("declarant", "importer", "seller", "courier");

    static final List<String> NUMERIC = List.of("log_value", "log_mass", "log_unit_price", "tax_rate",
            "price_dev_hs6_origin", "price_dev_hs6", "origin_ne_departure", "has_courier");

    private static final List<String> NAMES = buildNames();
    private static final String SCHEMA_HASH = sha256(VERSION + "\n" + String.join("\n", NAMES));

    /** Feature names in vector order. */
    public static List<String> names() { return NAMES; }

    /** SHA-256 of the feature names and version: a saved model only loads against the same schema. */
    public static String schemaHash() { return SCHEMA_HASH; }

    public static int size() { return NAMES.size(); }

    private static List<String> buildNames() {
        List<String> n = new ArrayList<>();
        for (String k : KEYS) {
            n.add(k + ".seen");
            n.add(k + ".n");
            n.add(k + ".rate");
            if (PARTY_KEYS.contains(k)) n.add(k + ".days_known");
        }
        n.addAll(NUMERIC);
        return List.copyOf(n);
    }

    private static final boolean[] IS_PARTY = new boolean[KEYS.size()];

    static {
        for (int k = 0; k < KEYS.size(); k++) IS_PARTY[k] = PARTY_KEYS.contains(KEYS.get(k));
    }

    /**
     * Features of {@code item} given {@code history}, which the caller has brought to the declaration date
     * ({@code history.asOf(declaration.declarationDate())}).
     */
    public static float[] extract(Declaration d, GoodsItem item, HistoryStore history) {
        return history.read(h -> extractUnlocked(d, item, h));
    }

    /** Keys whose value is the same for every item of a declaration (office, parties, route…). */
    private static final int[] DECLARATION_KEYS = {0, 1, 2, 3, 4, 9, 10, 15, 18, 21};
    /** The other keys, which depend on the item (commodity, origin, procedure…). */
    private static final int[] ITEM_KEYS = {5, 6, 7, 8, 11, 12, 13, 14, 16, 17, 19, 20, 22, 23};
    /** Position of each key's first feature in the vector. */
    private static final int[] BASE = new int[KEYS.size()];

    static {
        int at = 0;
        for (int k = 0; k < KEYS.size(); k++) {
            BASE[k] = at;
            at += IS_PARTY[k] ? 4 : 3;
        }
    }

    /**
     * {@link #extract} for a caller that holds the history's read lock. The features of declaration-level keys
     * are looked up once per declaration (and history state) and copied to its other items.
     */
    static float[] extractUnlocked(Declaration d, GoodsItem item, HistoryStore history) {
        float[] f = new float[NAMES.size()];
        ProfileTable table = history.profilesUnlocked();
        double prior = history.globalFraudRateUnlocked();
        if (Double.isNaN(prior)) prior = 0.5;
        long day = d.declarationDate().toEpochDay();
        DeclarationHashes dh = DeclarationHashes.of(d, item);
        long[] keys = keyHashes(dh, item);
        if (dh.features == null || dh.history != history || dh.epoch != history.epochUnlocked()) {
            float[] df = new float[NAMES.size()];
            for (int k : DECLARATION_KEYS) profile(df, k, keys[k], keys[k] == 0 ? -1 : table.find(keys[k]), table, prior, day);
            dh.features = df;
            dh.history = history;
            dh.epoch = history.epochUnlocked();
        }
        for (int k : DECLARATION_KEYS) System.arraycopy(dh.features, BASE[k], f, BASE[k], IS_PARTY[k] ? 4 : 3);
        // first probes in a tight loop: independent loads the processor can overlap (the table is large and cold)
        long[] home = new long[ITEM_KEYS.length];
        for (int j = 0; j < ITEM_KEYS.length; j++) {
            long key = keys[ITEM_KEYS[j]];
            home[j] = key == 0 ? 0 : table.keyAtHome(key);
        }
        for (int j = 0; j < ITEM_KEYS.length; j++) {
            int k = ITEM_KEYS[j];
            long key = keys[k];
            int slot = key == 0 ? -1 : home[j] == key ? table.home(key) : home[j] == 0 ? -1 : table.find(key);
            profile(f, k, key, slot, table, prior, day);
        }
        int i = BASE[KEYS.size() - 1] + (IS_PARTY[KEYS.size() - 1] ? 4 : 3);
        double value = value(d, item);
        double mass = item.netMassKg() == null ? Double.NaN : item.netMassKg().doubleValue();
        float lup = logUnitPrice(d, item, history.rates());
        f[i++] = (float) Math.log1p(value);
        f[i++] = (float) Math.log1p(mass);
        f[i++] = lup;
        f[i++] = (float) taxRate(item);
        String origin = item.originCountry();
        f[i++] = lup - history.logNormUnlocked(item, true);
        f[i++] = lup - history.logNormUnlocked(item, false);
        String dep = d.transport().departureCountry();
        f[i++] = origin == null || dep == null ? Float.NaN : origin.equals(dep) ? 0 : 1;
        f[i++] = d.party(PartyRole.CARRIER).isPresent() ? 1 : 0;
        return f;
    }

    /** Writes the features of key {@code k} (value {@code key}, table slot or -1) at its place in {@code f}. */
    private static void profile(float[] f, int k, long key, int slot, ProfileTable table, double prior, long day) {
        int i = BASE[k];
        if (key == 0) {
            f[i] = Float.NaN;
            f[i + 1] = Float.NaN;
            f[i + 2] = Float.NaN;
        } else {
            int labelled = slot < 0 ? 0 : table.labelled(slot);
            int frauds = slot < 0 ? 0 : table.frauds(slot);
            f[i] = slot < 0 ? 0 : table.seen(slot);
            f[i + 1] = labelled;
            f[i + 2] = (float) ((frauds + SMOOTHING * prior) / (labelled + SMOOTHING));
        }
        if (IS_PARTY[k]) {
            f[i + 3] = slot < 0 || table.firstSeen(slot) == Long.MIN_VALUE ? Float.NaN : day - table.firstSeen(slot);
        }
    }

    /** Number of single (not pair) keys at the head of {@link #KEYS}. */
    private static final int SINGLES = 16;

    /** The categorical values of an item in {@link #KEYS} order; null for absent fields. */
    static String[] keyValues(Declaration d, GoodsItem item) {
        String[] v = java.util.Arrays.copyOf(singles(d, item), KEYS.size());
        v[16] = pair(v[2], v[5]);
        v[17] = pair(v[5], v[8]);
        v[18] = pair(v[1], v[2]);
        v[19] = pair(v[2], v[3]);
        v[20] = pair(v[3], v[5]);
        v[21] = v[9] == null || v[0] == null ? null : v[9] + ">" + v[0];
        v[22] = pair(v[2], v[8]);
        v[23] = pair(v[1], v[5]);
        return v;
    }

    /**
     * The {@link ProfileTable} keys of an item's values in {@link #KEYS} order, 0 for absent fields; pairs are
     * hashed from their parts' hashes, so no pair string is built on the scoring path.
     */
    static long[] keyHashes(Declaration d, GoodsItem item) {
        return keyHashes(DeclarationHashes.of(d, item), item);
    }

    private static long[] keyHashes(DeclarationHashes dh, GoodsItem item) {
        long[] h = new long[SINGLES];
        boolean[] present = new boolean[SINGLES];
        for (int i : DeclarationHashes.INDEXES) {
            h[i] = dh.hashes[i];
            present[i] = dh.present[i];
        }
        String hs6 = item.hs6();
        if (hs6 != null) {
            present[5] = true;
            h[5] = ProfileTable.hash(hs6, hs6.length());
            if (hs6.length() >= 4) {
                present[6] = true;
                h[6] = ProfileTable.hash(hs6, 4);
            }
            if (hs6.length() >= 2) {
                present[7] = true;
                h[7] = ProfileTable.hash(hs6, 2);
            }
        }
        itemHash(h, present, 8, item.originCountry());
        itemHash(h, present, 11, item.procedureCode());
        itemHash(h, present, 12, item.preferenceCode());
        itemHash(h, present, 13, blank(item.info(KcsCsvReader.INFO_PAYMENT_TYPE)));
        itemHash(h, present, 14, blank(item.info(KcsCsvReader.INFO_ORIGIN_INDICATOR)));
        long[] out = new long[KEYS.size()];
        for (int i = 0; i < SINGLES; i++) if (present[i]) out[i] = ProfileTable.key(i, h[i]);
        out[16] = pairKey(16, present, h, 2, 5);
        out[17] = pairKey(17, present, h, 5, 8);
        out[18] = pairKey(18, present, h, 1, 2);
        out[19] = pairKey(19, present, h, 2, 3);
        out[20] = pairKey(20, present, h, 3, 5);
        out[21] = pairKey(21, present, h, 9, 0);
        out[22] = pairKey(22, present, h, 2, 8);
        out[23] = pairKey(23, present, h, 1, 5);
        return out;
    }

    private static void itemHash(long[] h, boolean[] present, int i, String value) {
        if (value == null) return;
        present[i] = true;
        h[i] = ProfileTable.hash(value, value.length());
    }

    /**
     * Hashes of the declaration-level keys (office, parties, departure, mode, process type), computed once
     * per declaration and thread: all items of a declaration share them.
     */
    private static final class DeclarationHashes {
        static final int[] INDEXES = {0, 1, 2, 3, 4, 9, 10, 15};
        private static final ThreadLocal<DeclarationHashes> LAST = new ThreadLocal<>();

        final Declaration declaration;
        final long[] hashes = new long[SINGLES];
        final boolean[] present = new boolean[SINGLES];
        /** features of the declaration-level keys, valid for {@link #history} at {@link #epoch} */
        float[] features;
        HistoryStore history;
        long epoch;

        private DeclarationHashes(Declaration d, GoodsItem anyItem) {
            declaration = d;
            String[] s = singles(d, anyItem);
            for (int i : INDEXES) {
                if (s[i] == null) continue;
                present[i] = true;
                hashes[i] = ProfileTable.hash(s[i], s[i].length());
            }
        }

        static DeclarationHashes of(Declaration d, GoodsItem item) {
            DeclarationHashes last = LAST.get();
            if (last != null && last.declaration == d) return last;
            DeclarationHashes now = new DeclarationHashes(d, item);
            LAST.set(now);
            return now;
        }
    }

    private static long pairKey(int kind, boolean[] present, long[] h, int a, int b) {
        return !present[a] || !present[b] ? 0 : ProfileTable.key(kind, ProfileTable.pair(h[a], h[b]));
    }

    /**
     * The table key of a value given as text (as {@link #keyValues} writes it: pairs joined by '|', the route
     * by '>'), for look-ups by name and for history files that stored only the text.
     */
    static long keyOf(int kind, String text) {
        if (kind < SINGLES) return ProfileTable.key(kind, ProfileTable.hash(text));
        int cut = text.indexOf(kind == 21 ? '>' : '|');
        if (cut < 0) throw new IllegalArgumentException("not a pair value for " + KEYS.get(kind) + ": " + text);
        return ProfileTable.key(kind, ProfileTable.pair(ProfileTable.hash(text.substring(0, cut)),
                ProfileTable.hash(text.substring(cut + 1))));
    }

    /** The values of the first {@link #SINGLES} keys. */
    private static String[] singles(Declaration d, GoodsItem item) {
        String importer = null;
        String declarant = null;
        String seller = null;
        String courier = null;
        int found = 0; // bits of the roles met: the id of the FIRST party of a role counts, as in Declaration.party
        for (Party p : d.parties()) {
            int bit = switch (p.role()) {
                case IMPORTER -> 1;
                case DECLARANT -> 2;
                case SELLER -> 4;
                case CARRIER -> 8;
                default -> 0;
            };
            if (bit == 0 || (found & bit) != 0) continue;
            found |= bit;
            switch (bit) {
                case 1 -> importer = p.id();
                case 2 -> declarant = p.id();
                case 4 -> seller = p.id();
                default -> courier = p.id();
            }
        }
        String hs6 = item.hs6();
        String dep = d.transport().departureCountry();
        return new String[] {
                d.officeId(), declarant, importer, seller, courier,
                hs6, hs6 == null || hs6.length() < 4 ? null : hs6.substring(0, 4),
                hs6 == null || hs6.length() < 2 ? null : hs6.substring(0, 2),
                item.originCountry(), dep, d.transport().borderModeCode(), item.procedureCode(), item.preferenceCode(),
                blank(item.info(KcsCsvReader.INFO_PAYMENT_TYPE)), blank(item.info(KcsCsvReader.INFO_ORIGIN_INDICATOR)),
                processType(d, item)};
    }

    /**
     * The "processtype" key: the additional declaration type, else the KCS process type the KCS reader keeps as
     * item information (it used to be read into the additional type; same values, same keys).
     */
    private static String processType(Declaration d, GoodsItem item) {
        String t = d.type() == null ? null : d.type().additionalType();
        return t != null || item == null ? t : blank(item.info(KcsCsvReader.INFO_PROCESS_TYPE));
    }

    /** log of the item's {@link UnitValue} per kg (the price norms' measure), NaN when it has none. */
    static float logUnitPrice(Declaration d, GoodsItem item, ExchangeRates rates) {
        return UnitValue.of(d, item, PriceNorms.Basis.PER_KG, rates).map(v -> (float) Math.log(v.value())).orElse(Float.NaN);
    }

    /** Declared value ({@link Declaration#valueOf}) as declared, NaN when absent. */
    static double value(Declaration d, GoodsItem item) {
        Money m = d.valueOf(item);
        return m == null ? Double.NaN : m.amount().doubleValue();
    }

    /** Duty rate in percent from the TAX_RATE information, NaN when absent or not a number. */
    static double taxRate(GoodsItem item) {
        String t = item.info(KcsCsvReader.INFO_TAX_RATE);
        if (t == null || t.isBlank()) return Double.NaN;
        try {
            return new BigDecimal(t.trim()).doubleValue();
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String pair(String a, String b) { return a == null || b == null ? null : a + "|" + b; }

    private static String blank(String s) { return s == null || s.isBlank() ? null : s; }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ModelFeatureVector() { }
}
