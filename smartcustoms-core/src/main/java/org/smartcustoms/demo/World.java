package org.smartcustoms.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.smartcustoms.tariff.DemoTariff;

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

    /** A customs office of Demo Customs: code, name, UN/LOCODE and what it clears. */
    record Office(String id, String name, String locode, Kind kind) {
        enum Kind { SEA, AIR, POST }
    }

    /**
     * The offices of Demo Customs. Code = "JP" + the port's UN/LOCODE location + 1 (sea port), 2 (airport) or
     * 3 (international post office) + "00".
     */
    static final List<Office> OFFICES = List.of(
            new Office("JPTYO100", "Tokyo Port", "JPTYO", Office.Kind.SEA),
            new Office("JPYOK100", "Yokohama Port", "JPYOK", Office.Kind.SEA),
            new Office("JPNGO100", "Nagoya Port", "JPNGO", Office.Kind.SEA),
            new Office("JPOSA100", "Osaka Port", "JPOSA", Office.Kind.SEA),
            new Office("JPUKB100", "Kobe Port", "JPUKB", Office.Kind.SEA),
            new Office("JPHKT100", "Hakata Port", "JPHKT", Office.Kind.SEA),
            new Office("JPNRT200", "Narita Airport", "JPNRT", Office.Kind.AIR),
            new Office("JPHND200", "Haneda Airport", "JPHND", Office.Kind.AIR),
            new Office("JPKIX200", "Kansai Airport", "JPKIX", Office.Kind.AIR),
            new Office("JPTYO300", "Tokyo International Post Office", "JPTYO", Office.Kind.POST));

    /** The general mix of origins for goods without a specific origin list (weights ~ Japanese import shares). */
    static final Map<String, Integer> ORIGIN_MIX = ordered(
            "CN", 30, "US", 12, "VN", 6, "TW", 5, "KR", 5, "TH", 4, "AU", 4, "DE", 4, "MY", 3, "ID", 3, "IT", 2,
            "FR", 2, "IN", 2, "GB", 2, "PH", 2, "MX", 1, "CA", 2, "NZ", 1, "CL", 1, "ES", 1, "NL", 1);

    static String currencyOf(String country) {
        return switch (country) {
            case "US" -> "USD";
            case "DE", "IT", "FR", "NL", "ES", "BE", "AT", "IE", "FI", "PT", "DK" -> "EUR";
            case "JP" -> "JPY";
            case "CN" -> "CNY";
            case "KR" -> "KRW";
            case "GB" -> "GBP";
            case "TH" -> "THB";
            case "AU" -> "AUD";
            case "CA" -> "CAD";
            case "TW" -> "TWD";
            case "NZ" -> "NZD";
            default -> "USD";
        };
    }

    /** The economic partnership agreement under which goods of this origin may claim a preference, or null. */
    static String agreementFor(String origin) {
        if (contains(DemoTariff.CPTPP_ORIGINS, origin)) return "CPTPP";
        if (contains(DemoTariff.EU_ORIGINS, origin)) return "JP-EU";
        if (contains(DemoTariff.RCEP_ORIGINS, origin)) return "RCEP";
        return null;
    }

    private static boolean contains(String list, String code) {
        return (" " + list + " ").contains(" " + code + " ");
    }

    final List<Commodity> commodities;
    final List<Importer> importers;
    final List<Broker> brokers;
    final double totalActivity;

    private final Set<String> ids = new HashSet<>();

    World(List<Commodity> commodities, int declarations, Random rnd) {
        this.commodities = commodities.stream().map(c -> Double.isNaN(c.dutyRate()) ? c.withDutyRate(DemoDuties.percent(c)) : c).toList();
        int nImporters = Math.max(8, declarations / 50);
        int nBrokers = Math.max(3, declarations / 400);
        int nSellers = Math.max(12, declarations / 30);

        brokers = new ArrayList<>();
        for (int i = 0; i < nBrokers; i++) {
            double mult = rnd.nextDouble() < 0.2 ? 1.6 : 1.0;
            brokers.add(new Broker(corporateNumber(rnd), BROKER_NAMES[i % BROKER_NAMES.length] + (i >= BROKER_NAMES.length ? " " + (i + 1) : "")
                    , mult));
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
            importers.add(new Importer(corporateNumber(rnd), importerName(rnd), profile, activity, List.copyOf(sup), broker));
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
        String currency = u < 0.75 ? currencyOf(country) : u < 0.95 ? "USD" : "JPY";
        return new Seller(country + newId(rnd), sellerName(rnd, country), country, currency, List.copyOf(goods));
    }

    /** A 13-digit corporate number (the id Japanese companies declare with), unique in the world. */
    private String corporateNumber(Random rnd) {
        while (true) {
            StringBuilder sb = new StringBuilder(13).append(1 + rnd.nextInt(9));
            for (int i = 1; i < 13; i++) sb.append(rnd.nextInt(10));
            if (ids.add(sb.toString())) return sb.toString();
        }
    }

    /** 7-character upper-case alphanumeric ids (foreign sellers get their country code in front). */
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

    private static final String[] JAPANESE = {"Sakura", "Fuji", "Yamato", "Minato", "Hikari", "Asahi", "Kaede",
            "Tsubasa", "Midori", "Shinsei", "Daiichi", "Nishiki", "Aoba", "Kizuna", "Heiwa", "Mirai", "Tokai", "Hokuto"};
    private static final String[] TRADES = {"Trading", "Shoji", "Industries", "International", "Foods", "Electronics",
            "Materials", "Apparel", "Retail", "Distribution"};
    private static final String[] BROKER_NAMES = {"Minato Customs Brokerage", "Kaigan Tsukan", "Narita Cargo Brokers",
            "Kansai Customs Services", "Yokohama Shipping Agency", "Hakata Logistics", "Haneda Air Forwarding",
            "Nagoya Port Services"};
    private static final Map<String, String[]> SELLER_STEMS = Map.of(
            "CN", new String[] {"Shenzhen", "Ningbo", "Guangzhou", "Yiwu", "Qingdao", "Xiamen"},
            "KR", new String[] {"Busan", "Incheon", "Hanbit", "Daehan"},
            "US", new String[] {"Pacific", "Great Lakes", "Atlantic", "Lone Star"},
            "DE", new String[] {"Rhein", "Bayern", "Hanse"},
            "VN", new String[] {"Saigon", "Hai Phong", "Mekong"},
            "AU", new String[] {"Southern Cross", "Murray", "Coral Coast"},
            "TH", new String[] {"Siam", "Chao Phraya", "Lanna"});

    private static String importerName(Random rnd) {
        return JAPANESE[rnd.nextInt(JAPANESE.length)] + " " + TRADES[rnd.nextInt(TRADES.length)]
                + (rnd.nextBoolean() ? " K.K." : " Co., Ltd.");
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
