package org.smartcustoms.risk.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.features.InMemoryRiskContext;
import org.smartcustoms.risk.features.PartyProfile;
import org.smartcustoms.risk.model.LabelledItem;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleScope;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;

/**
 * Deterministic synthetic world for benchmarks: a commodity universe (5,000 HS6 x 10 HS8 x 10 HS10), 40
 * origins, 50 offices, 200,000 traders, rules drawn from a few templates with scopes spread like a real
 * targeting centre's (mostly HS x origin, then party, HS4 x office, HS10; a handful global), watch lists and
 * declarations drawn from the same universe. Same seed, same data.
 */
public final class SyntheticData {
    static final int HS6_COUNT = 5_000;
    static final int PARTY_COUNT = 200_000;
    static final int GLOBAL_RULES = 5;
    private static final String[] ORIGINS = {"CN", "VN", "US", "JP", "DE", "IN", "TH", "ID", "MY", "TW", "IT", "FR",
            "GB", "AU", "BR", "MX", "RU", "TR", "PL", "NL", "ES", "CA", "PH", "BD", "PK", "KH", "MM", "SG", "HK",
            "CH", "SE", "BE", "AT", "CZ", "HU", "RO", "CL", "PE", "ZA", "NZ"};
    private static final String[] MODES = {"1", "3", "4", "5"};
    private static final String[] UNITS = {"NAR", "KGM", "LTR", "PR"};
    private static final String[] WORDS = {"ALPHA", "BRAVO", "GLOBAL", "PACIFIC", "ORIENT", "STAR", "UNION", "GOLDEN",
            "DRAGON", "OCEAN", "SUN", "MOON", "ROYAL", "EAGLE", "SILK", "ROAD", "BRIDGE", "NOVA", "PRIME", "UNITED",
            "EASTERN", "WESTERN", "NORTHERN", "HANA", "DAEHAN", "SEOUL", "BUSAN", "ASIA", "EURO", "TRANS"};
    private static final String[] KINDS = {"TRADING", "LOGISTICS", "INDUSTRIES", "ELECTRONICS", "TEXTILE", "FOODS",
            "MOTORS", "CHEMICAL", "IMPORT EXPORT", "HOLDINGS"};
    private static final String[] FORMS = {"CO., LTD.", "LIMITED", "LLC", "INC", "GMBH", "CORP", ""};

    /** Rule templates: expression text shared by many rules, thresholds bound per rule through {@code params}. */
    private record Template(String name, Threat threat, String expression, String param, double lo, double hi) { }

    private static final Template[] TEMPLATES = {
            new Template("Undervaluation vs HS x origin norm", Threat.UNDERVALUATION,
                    "has_norm && norm_deviation < params.t", "t", -0.9, -0.6),
            new Template("Unit price below floor", Threat.UNDERVALUATION, "unit_price < params.t", "t", 0.5, 3),
            new Template("Price per kg below floor", Threat.UNDERVALUATION, "net_mass > 0.0 && price_per_kg < params.t",
                    "t", 0.1, 1),
            new Template("High value from new trader", Threat.UNDERVALUATION,
                    "value > params.t && importer_history_count < 3", "t", 10_000, 100_000),
            new Template("Young trader, high value", Threat.SECURITY, "party_age_days < 90 && value > params.t", "t",
                    5_000, 50_000),
            new Template("Trader with bad record", Threat.OTHER, "importer_fraud_rate > params.t", "t", 0.05, 0.5),
            new Template("Heavy piece goods", Threat.MISCLASSIFICATION, "unit == 'NAR' && net_mass > params.t", "t",
                    10_000, 50_000),
            new Template("Preferential origin differs", Threat.ORIGIN,
                    "preferential_origin != '' && preferential_origin != origin && value > params.t", "t", 100, 10_000),
            new Template("Sea container, high value", Threat.PROHIBITED, "transport_mode == '1' && value > params.t",
                    "t", 300_000, 2_000_000),
            new Template("Bulk quantity at low kg price", Threat.MISCLASSIFICATION,
                    "quantity > params.t && price_per_kg < 0.5", "t", 100, 10_000),
            new Template("Used goods cheap", Threat.UNDERVALUATION,
                    "description.contains('USED') && unit_price < params.t", "t", 1, 20),
            new Template("Inward processing high value", Threat.OTHER, "procedure.startsWith('51') && value > params.t",
                    "t", 50_000, 500_000),
    };

    private static final String[] SYLLABLES = {"ZOR", "KAL", "VEX", "MIR", "TAN", "BOL", "QUI", "DRA", "FEN", "GOR",
            "HUL", "JAX", "LOM", "NIV", "PAZ", "RUK", "SEV", "TOR", "UMB", "WEL", "XAN", "YOR", "ZEB", "KIR"};

    private final long seed;
    private final String[] hs6;
    private final String[] parties;
    private final String[] listedNames;

    public SyntheticData(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        hs6 = new String[HS6_COUNT];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < HS6_COUNT; ) {
            String c = String.format("%02d%04d", 1 + r.nextInt(97), r.nextInt(10_000));
            if (seen.add(c)) hs6[i++] = c;
        }
        parties = new String[PARTY_COUNT];
        for (int i = 0; i < PARTY_COUNT; i++) parties[i] = String.format("KR%08d", i);
        listedNames = new String[2 * RiskBenchmark.WATCHLIST_PARTIES];
        for (int i = 0; i < listedNames.length; i++) {
            listedNames[i] = word(r) + " " + word(r) + " " + KINDS[r.nextInt(KINDS.length)] + " "
                    + FORMS[r.nextInt(FORMS.length)];
        }
    }

    private static String word(SplittableRandom r) {
        int n = 2 + r.nextInt(2);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        return sb.toString();
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private String hs8(SplittableRandom r, String six) {
        return six + r.nextInt(10) + "0";
    }

    private String hs10(SplittableRandom r, String six) {
        return hs8(r, six) + r.nextInt(10) + "0";
    }

    private static String office(int i) {
        return String.format("KR%04d", 100 + i * 10);
    }

    private static final String[] OFFICES = new String[50];

    static {
        for (int i = 0; i < OFFICES.length; i++) OFFICES[i] = office(i);
    }

    /** {@code n} rules; ids R1..Rn, version 1. */
    public List<Rule> rules(int n) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0001L);
        List<Rule> out = new ArrayList<>(n);
        Map<String, String> hs4Pool = new java.util.HashMap<>();
        Map<String, String> hsPool = new java.util.HashMap<>();
        LocalDate from = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < n; i++) {
            Template t = TEMPLATES[r.nextInt(TEMPLATES.length)];
            RuleScope scope;
            if (i < GLOBAL_RULES) {
                scope = RuleScope.GLOBAL;
            } else {
                double u = r.nextDouble();
                String six = hs6[r.nextInt(HS6_COUNT)];
                String origin = ORIGINS[r.nextInt(ORIGINS.length)];
                if (u < 0.40) scope = new RuleScope(six, origin, null, null);
                else if (u < 0.60) scope = new RuleScope(hsPool.computeIfAbsent(hs8(r, six), k -> k), origin, null, null);
                else if (u < 0.75) scope = new RuleScope(null, null, parties[r.nextInt(PARTY_COUNT)], null);
                else if (u < 0.85) scope = new RuleScope(hs4Pool.computeIfAbsent(six.substring(0, 4), k -> k), null, null,
                        OFFICES[r.nextInt(OFFICES.length)]);
                else if (u < 0.999) scope = new RuleScope(hsPool.computeIfAbsent(hs10(r, six), k -> k), null, null, null);
                else scope = new RuleScope(null, origin, null, OFFICES[r.nextInt(OFFICES.length)]);
            }
            double threshold = t.lo() + r.nextDouble() * (t.hi() - t.lo());
            threshold = Math.round(threshold * 100) / 100.0;
            out.add(new Rule("R" + (i + 1), 1, t.name(), "targeting-centre", from, null, 10 + r.nextInt(51), t.threat(),
                    scope, t.expression(), Map.of(t.param(), threshold), true));
        }
        return out;
    }

    /** History: every trader known, HS6 x origin price norms for the whole universe. */
    public InMemoryRiskContext context() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0002L);
        InMemoryRiskContext c = new InMemoryRiskContext();
        LocalDate base = LocalDate.of(2026, 1, 1);
        for (String p : parties) {
            long n = r.nextInt(500);
            double rate = r.nextInt(20) == 0 ? 0.1 + 0.3 * r.nextDouble() : 0.02 * r.nextDouble();
            c.putParty(new PartyProfile(p, n, Math.round(n * rate), base.minusDays(r.nextInt(3_000))));
        }
        // five earlier unit values per HS6 x origin around the world's norm (their median is the norm itself)
        org.smartcustoms.tariff.PriceNorms norms = new org.smartcustoms.tariff.PriceNorms();
        LocalDate past = base.minusYears(1);
        for (String six : hs6) {
            for (String o : ORIGINS) {
                int m = median(six, o);
                for (double f : new double[] {0.8, 0.9, 1.0, 1.1, 1.2}) {
                    norms.add(new org.smartcustoms.tariff.UnitValue(six, o, org.smartcustoms.tariff.PriceNorms.Basis.PER_UNIT, past, m * f));
                }
            }
        }
        return c.usePriceNorms(norms, org.smartcustoms.tariff.ExchangeRateTable.of("USD", List.of()));
    }

    /** {@code n} listed traders (one in five with an id from the universe), names from their own vocabulary. */
    public List<PartyEntry> watchListParties(int n) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0003L);
        List<PartyEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = i % 5 == 0 ? parties[r.nextInt(PARTY_COUNT)] : null;
            out.add(new PartyEntry("W" + (i + 1), id, listedNames[(2 * i) % listedNames.length],
                    List.of(listedNames[(2 * i + 1) % listedNames.length]), "intelligence report", "KCS", null, null));
        }
        return out;
    }

    public List<CommodityTarget> commodityTargets(int n) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0004L);
        List<CommodityTarget> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String six = hs6[r.nextInt(HS6_COUNT)];
            out.add(new CommodityTarget("T" + (i + 1), six, r.nextBoolean() ? ORIGINS[r.nextInt(ORIGINS.length)] : null,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Threat.values()[r.nextInt(5)], "campaign"));
        }
        return out;
    }

    /** The HS6 x origin price norm of the synthetic world (5..505 per unit). */
    static int median(String six, String origin) {
        int h = (six.hashCode() * 31 + origin.hashCode()) * 0x9E3779B9;
        return 5 + ((h >>> 7) % 500);
    }

    private static String name(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " "
                + KINDS[r.nextInt(KINDS.length)] + " " + FORMS[r.nextInt(FORMS.length)];
    }

    /**
     * {@code n} import declarations with 1-4 items, importer, declarant and a named foreign seller (1 in 100
     * sellers carries a listed name, lower-cased), lodged in June 2026. Half of the importers come from a
     * pool of 5,000 regular traders, so the history of {@link #history} knows them.
     */
    public List<Declaration> declarations(int n, long stream) {
        SplittableRandom r = new SplittableRandom(seed ^ stream ^ 0x5EED_0005L);
        List<Declaration> out = new ArrayList<>(n);
        LocalDate day = LocalDate.of(2026, 6, 1);
        for (int i = 0; i < n; i++) out.add(declaration(r, "LRN" + i, day.plusDays(r.nextInt(30)), new boolean[1]));
        return out;
    }

    static final int REGULAR_IMPORTERS = 5_000;

    /** One importer in 15 cheats often; the rest rarely. Fixed by the id, so history and benchmark agree. */
    static boolean habitualOffender(String importer) {
        return Math.floorMod(importer.hashCode() * 0x9E3779B9, 15) == 0;
    }

    /**
     * {@code n} labelled declarations lodged January to May 2026, before those of {@link #declarations}, to
     * train the benchmark's fraud model: a declaration is irregular with probability 0.7 when one of its items
     * is priced at 20-50 % of the norm, 0.35 when its importer is a habitual offender, 0.03 otherwise.
     */
    public List<LabelledItem> history(int n) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0006L);
        List<LabelledItem> out = new ArrayList<>(n * 5 / 2);
        LocalDate day = LocalDate.of(2026, 1, 1);
        boolean[] undervalued = new boolean[1];
        for (int i = 0; i < n; i++) {
            undervalued[0] = false;
            Declaration d = declaration(r, "HIST" + i, day.plusDays(r.nextInt(151)), undervalued);
            String importer = d.parties().get(0).id();
            double p = undervalued[0] ? 0.7 : habitualOffender(importer) ? 0.35 : 0.03;
            BulkRow.Label label = new BulkRow.Label(r.nextDouble() < p, 0);
            for (GoodsItem item : d.items()) out.add(new LabelledItem(d, item, label));
        }
        return out;
    }

    private Declaration declaration(SplittableRandom r, String lrn, LocalDate date, boolean[] undervalued) {
        String importer = r.nextBoolean() ? parties[r.nextInt(REGULAR_IMPORTERS)] : parties[r.nextInt(PARTY_COUNT)];
        List<Party> ps = new ArrayList<>(4);
        ps.add(new Party(PartyRole.IMPORTER, importer, name(r), "KR"));
        if (r.nextBoolean()) ps.add(new Party(PartyRole.DECLARANT, parties[r.nextInt(PARTY_COUNT)], null, "KR"));
        String seller = r.nextInt(100) == 0 ? listedNames[r.nextInt(listedNames.length)].toLowerCase(java.util.Locale.ROOT)
                : name(r);
        ps.add(new Party(PartyRole.SELLER, null, seller, ORIGINS[r.nextInt(ORIGINS.length)]));
        if (r.nextInt(10) == 0) ps.add(new Party(PartyRole.AUTHORISATION_HOLDER, importer, null, null, "AEOF"));
        int items = 1 + r.nextInt(4);
        List<GoodsItem> gi = new ArrayList<>(items);
        for (int k = 1; k <= items; k++) {
            String six = hs6[r.nextInt(HS6_COUNT)];
            String origin = ORIGINS[r.nextInt(ORIGINS.length)];
            int q = 1 + r.nextInt(2_000);
            BigDecimal qty = BigDecimal.valueOf(q);
            BigDecimal mass = BigDecimal.valueOf(Math.max(1, Math.round(q * (0.1 + 10 * r.nextDouble()))));
            // price around the norm (log-normal, sigma 0.3); 3 % of items declared at 20-50 % of it
            boolean cheap = r.nextInt(100) < 3;
            undervalued[0] |= cheap;
            double factor = cheap ? 0.2 + 0.3 * r.nextDouble() : Math.exp(0.3 * gaussian(r));
            long amount = Math.max(1, Math.round(q * median(six, origin) * factor));
            Money value = new Money(BigDecimal.valueOf(amount), "USD");
            String pref = r.nextInt(5) == 0 ? (r.nextInt(20) == 0 ? ORIGINS[r.nextInt(ORIGINS.length)] : origin) : null;
            gi.add(new GoodsItem(k, r.nextInt(20) == 0 ? "USED MACHINE" : "GOODS", hs10(r, six), origin, pref,
                    new Quantity(qty, UNITS[r.nextInt(UNITS.length)]), mass, mass, value, value, "1",
                    r.nextInt(50) == 0 ? "5100" : "4000", List.of(), null, List.of(), List.of(), List.of(), List.of()));
        }
        return new Declaration(FunctionCode.ORIGINAL, lrn, IMPORT, OFFICES[r.nextInt(OFFICES.length)], date,
                ps, new Transport(MODES[r.nextInt(MODES.length)], null, null, null, null, null, null,
                ORIGINS[r.nextInt(ORIGINS.length)], null), null, null, "CIF", null, List.of(), gi);
    }

    private static final DeclarationType IMPORT = DeclarationType.parse("IMA");
}
