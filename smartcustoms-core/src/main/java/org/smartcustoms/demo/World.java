package org.smartcustoms.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The actors of a demo world, drawn once from the seed: importers (with behaviour), brokers, foreign
 * sellers, offices and the commodity catalogue. Declarations are then drawn from this world, so the same
 * importer keeps trading the same goods with the same suppliers, which is what makes history useful.
 */
final class World {
    /** Importer behaviour: base probability of an irregular declaration. */
    enum Profile {
        AEO(0.01), HONEST(0.05), MEDIUM(0.15), RISKY(0.45);
        final double baseFraud;
        Profile(double p) { baseFraud = p; }
    }

    record Importer(String id, String name, Profile profile, double activity, List<Seller> suppliers, Broker broker) { }

    record Broker(String id, String name, double fraudMultiplier) { }

    record Seller(String id, String name, String country, String currency, List<Commodity> goods) { }

    record Office(String id, String name, String locode, boolean airport) { }

    static final List<Office> OFFICES = List.of(
            new Office("10", "Seoul Main Customs", "KRSEL", false),
            new Office("20", "Incheon Main Customs", "KRINC", false),
            new Office("30", "Busan Main Customs", "KRPUS", false),
            new Office("40", "Incheon Airport Customs", "KRICN", true),
            new Office("16", "Pyeongtaek Customs", "KRPTK", false));

    /** The general mix of origins for goods without a specific origin list (weights ~ Korean import shares). */
    static final Map<String, Integer> ORIGIN_MIX = ordered(
            "CN", 30, "US", 12, "JP", 9, "VN", 8, "DE", 6, "TW", 4, "IT", 3, "IN", 3, "TR", 2, "GB", 2,
            "TH", 2, "MY", 2, "ID", 2, "FR", 2, "MX", 1, "CL", 1, "NL", 1, "ES", 1, "BR", 1, "PH", 1);

    static final Map<String, Double> USD_RATE = Map.of(
            "USD", 1.0, "EUR", 0.92, "JPY", 150.0, "CNY", 7.2, "GBP", 0.79, "KRW", 1350.0);

    static String currencyOf(String country) {
        return switch (country) {
            case "US" -> "USD";
            case "DE", "IT", "FR", "NL", "ES", "BE", "AT", "IE", "FI", "PT" -> "EUR";
            case "JP" -> "JPY";
            case "CN" -> "CNY";
            case "GB" -> "GBP";
            default -> "USD";
        };
    }

    /** Korean FTA tax type for goods of this origin, or null when no agreement applies. */
    static String ftaTaxType(String origin) {
        return switch (origin) {
            case "CN" -> "FCN1";
            case "US" -> "FUS1";
            case "DE", "IT", "FR", "NL", "ES", "BE", "AT", "IE", "FI", "PT" -> "FEU1";
            case "VN", "TH", "MY", "ID", "PH", "SG" -> "FAS1";
            case "IN" -> "FIN1";
            case "TR" -> "FTR1";
            case "GB" -> "FGB1";
            case "AU" -> "FAU1";
            case "CL" -> "FCL1";
            case "NZ" -> "FNZ1";
            case "PE" -> "FPE1";
            default -> null;
        };
    }

    final List<Commodity> commodities;
    final List<Importer> importers;
    final List<Broker> brokers;
    final double totalActivity;

    private final Set<String> ids = new HashSet<>();

    World(List<Commodity> commodities, int declarations, Random rnd) {
        this.commodities = commodities;
        int nImporters = Math.max(8, declarations / 50);
        int nBrokers = Math.max(3, declarations / 400);
        int nSellers = Math.max(12, declarations / 30);

        brokers = new ArrayList<>();
        for (int i = 0; i < nBrokers; i++) {
            double mult = rnd.nextDouble() < 0.2 ? 1.6 : 1.0;
            brokers.add(new Broker(newId(rnd), BROKER_NAMES[i % BROKER_NAMES.length] + (i >= BROKER_NAMES.length ? " " + (i + 1) : "")
                    + " Customs Brokerage", mult));
        }
        List<Seller> sellers = new ArrayList<>();
        for (int i = 0; i < nSellers; i++) sellers.add(seller(rnd));

        importers = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < nImporters; i++) {
            double u = rnd.nextDouble();
            Profile profile = u < 0.12 ? Profile.AEO : u < 0.70 ? Profile.HONEST : u < 0.90 ? Profile.MEDIUM : Profile.RISKY;
            double activity = Math.exp(0.8 * rnd.nextGaussian());
            int nSup = 1 + rnd.nextInt(5);
            List<Seller> sup = new ArrayList<>();
            for (int k = 0; k < nSup; k++) {
                Seller s = sellers.get(rnd.nextInt(sellers.size()));
                if (!sup.contains(s)) sup.add(s);
            }
            Broker broker = rnd.nextDouble() < 0.1 ? null : brokers.get(rnd.nextInt(brokers.size()));
            importers.add(new Importer(newId(rnd), importerName(rnd), profile, activity, List.copyOf(sup), broker));
            total += activity;
        }
        totalActivity = total;
    }

    Importer pickImporter(Random rnd) {
        double x = rnd.nextDouble() * totalActivity;
        for (Importer imp : importers) {
            x -= imp.activity();
            if (x <= 0) return imp;
        }
        return importers.get(importers.size() - 1);
    }

    /** Lower-duty subheadings of the same chapter: the targets of misclassification. */
    List<Commodity> lowerDutyNeighbours(Commodity c) {
        return commodities.stream().filter(o -> o.chapter().equals(c.chapter()) && o.dutyRate() < c.dutyRate()).toList();
    }

    /** The commodity's usual origins weighted by the general mix (China first where it makes the goods). */
    static Map<String, Integer> usualOrigins(Commodity c) {
        if (c.origins().isEmpty()) return ORIGIN_MIX;
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String o : c.origins()) m.put(o, (int) Math.round(10 * Math.sqrt(ORIGIN_MIX.getOrDefault(o, 2))));
        return m;
    }

    private Seller seller(Random rnd) {
        Commodity first = commodities.get(rnd.nextInt(commodities.size()));
        String origin = weighted(usualOrigins(first), rnd);
        String country = origin;
        if ("CN".equals(origin) && rnd.nextDouble() < 0.12) country = rnd.nextBoolean() ? "HK" : "SG"; // trading houses
        List<Commodity> goods = new ArrayList<>();
        goods.add(first);
        List<Commodity> sameChapter = commodities.stream().filter(c -> c.chapter().equals(first.chapter()) && c != first).toList();
        int more = rnd.nextInt(4);
        for (int k = 0; k < more; k++) {
            List<Commodity> pool = !sameChapter.isEmpty() && rnd.nextDouble() < 0.7 ? sameChapter : commodities;
            Commodity c = pool.get(rnd.nextInt(pool.size()));
            if (!goods.contains(c)) goods.add(c);
        }
        double u = rnd.nextDouble();
        String currency = u < 0.75 ? currencyOf(country) : u < 0.95 ? "USD" : "KRW";
        return new Seller(newId(rnd), sellerName(rnd, country), country, currency, List.copyOf(goods));
    }

    /** 7-character upper-case alphanumeric ids, like the KCS trader ids. */
    private String newId(Random rnd) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        while (true) {
            StringBuilder sb = new StringBuilder(7);
            for (int i = 0; i < 7; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            if (ids.add(sb.toString())) return sb.toString();
        }
    }

    static String weighted(Map<String, Integer> weights, Random rnd) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int x = rnd.nextInt(total);
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            x -= e.getValue();
            if (x < 0) return e.getKey();
        }
        throw new IllegalStateException();
    }

    private static final String[] KOREAN = {"Hanbit", "Daehan", "Mirae", "Saehan", "Jinheung", "Samil", "Dongbang",
            "Woori", "Haneul", "Taeyang", "Gyeongin", "Seorim", "Namhae", "Baekdu", "Hanra", "Sejong", "Cheonji", "Gaon"};
    private static final String[] TRADES = {"Trading", "Commerce", "Industrial", "International", "Foods", "Electronics",
            "Materials", "Fashion", "Retail", "Distribution"};
    private static final String[] BROKER_NAMES = {"Kim & Partners", "Hanjin", "Seoul Global", "Busan Port", "Incheon Line",
            "Daewon", "Sinsung", "Korea Express"};
    private static final Map<String, String[]> SELLER_STEMS = Map.of(
            "CN", new String[] {"Shenzhen", "Ningbo", "Guangzhou", "Yiwu", "Qingdao", "Xiamen"},
            "JP", new String[] {"Osaka", "Nagoya", "Yokohama", "Kobe"},
            "US", new String[] {"Pacific", "Great Lakes", "Atlantic", "Lone Star"},
            "DE", new String[] {"Rhein", "Bayern", "Hanse"},
            "VN", new String[] {"Saigon", "Hai Phong", "Mekong"});

    private static String importerName(Random rnd) {
        return KOREAN[rnd.nextInt(KOREAN.length)] + " " + TRADES[rnd.nextInt(TRADES.length)] + " Co., Ltd.";
    }

    private static String sellerName(Random rnd, String country) {
        String[] stems = SELLER_STEMS.get(country);
        String stem = stems != null ? stems[rnd.nextInt(stems.length)]
                : java.util.Locale.of("", country).getDisplayCountry(java.util.Locale.ENGLISH);
        String[] forms = {" Export Co.", " Industries Ltd.", " Manufacturing", " Trading Ltd.", " Supply"};
        return stem + forms[rnd.nextInt(forms.length)];
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (V) kv[i + 1]);
        return m;
    }
}
