package org.smartcustoms.risk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.model.FraudModel.Contribution;

/** Turns SHAP contributions into sentences an officer understands; contributions are summed per field. */
final class Explanations {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("office", "Customs office %s"), Map.entry("declarant", "Declarant %s"),
            Map.entry("importer", "Importer %s"), Map.entry("seller", "Seller %s"), Map.entry("courier", "Courier %s"),
            Map.entry("hs6", "HS %s"), Map.entry("hs4", "HS heading %s"), Map.entry("hs2", "HS chapter %s"),
            Map.entry("origin", "Origin %s"), Map.entry("departure", "Departure country %s"),
            Map.entry("mode", "Transport mode %s"), Map.entry("procedure", "Procedure %s"),
            Map.entry("taxtype", "Tax type %s"), Map.entry("payment", "Payment type %s"),
            Map.entry("originind", "Origin indicator %s"), Map.entry("processtype", "Process type %s"),
            Map.entry("importer_hs6", "Importer %s with HS %s"), Map.entry("hs6_origin", "HS %s from %s"),
            Map.entry("declarant_importer", "Declarant %s for importer %s"),
            Map.entry("importer_seller", "Importer %s buying from seller %s"),
            Map.entry("seller_hs6", "Seller %s with HS %s"), Map.entry("route", "Route %s to office %s"),
            Map.entry("importer_origin", "Importer %s with goods from %s"),
            Map.entry("declarant_hs6", "Declarant %s with HS %s"));

    private Explanations() { }

    static String group(String feature) {
        if (feature.equals("log_unit_price") || feature.startsWith("price_dev_")) return "unit_price";
        int dot = feature.indexOf('.');
        return dot < 0 ? feature : feature.substring(0, dot);
    }

    /** Field group of each feature, and the groups in first-appearance order (fixed by the schema). */
    private static final List<String> GROUPS;
    private static final int[] GROUP_OF;

    static {
        List<String> names = ModelFeatureVector.names();
        List<String> groups = new ArrayList<>();
        GROUP_OF = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String g = group(names.get(i));
            int at = groups.indexOf(g);
            if (at < 0) {
                at = groups.size();
                groups.add(g);
            }
            GROUP_OF[i] = at;
        }
        GROUPS = List.copyOf(groups);
    }

    /** The {@code k} field groups with the largest summed contribution, as sentences; caller holds the read lock. */
    static List<Contribution> top(Declaration d, GoodsItem item, float[] x, float[] contrib, HistoryStore history, int k) {
        double[] sums = new double[GROUPS.size()];
        for (int i = 0; i < GROUP_OF.length; i++) sums[GROUP_OF[i]] += contrib[i];
        Integer[] order = new Integer[sums.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(sums[b], sums[a])); // stable: ties keep schema order
        String[] keys = ModelFeatureVector.keyValues(d, item);
        long[] tableKeys = ModelFeatureVector.keyHashes(d, item);
        List<Contribution> out = new ArrayList<>(k);
        for (int i = 0; i < Math.min(k, order.length); i++) {
            String g = GROUPS.get(order[i]);
            out.add(new Contribution(g, sums[order[i]], sentence(g, d, item, x, keys, tableKeys, history)));
        }
        return out;
    }

    /** Caller holds the history's read lock. */
    private static String sentence(String group, Declaration d, GoodsItem item, float[] x, String[] keys,
                                   long[] tableKeys, HistoryStore history) {
        if (LABELS.containsKey(group)) {
            String value = keys[ModelFeatureVector.KEYS.indexOf(group)];
            if (value == null) return notDeclared(group, d, keys);
            String who = label(group, value);
            HistoryStore.KeyProfile p = history.profileUnlocked(tableKeys[ModelFeatureVector.KEYS.indexOf(group)]);
            if (p.seen() == 0 && p.labelled() == 0) return who + " has never been seen before";
            if (p.labelled() == 0) return who + " appeared in " + p.seen() + " earlier declarations, none inspected yet";
            String s = who + " had " + p.frauds() + " of " + p.labelled() + " past declarations found irregular ("
                    + pct(p.frauds() / (double) p.labelled()) + ")";
            if (ModelFeatureVector.PARTY_KEYS.contains(group) && p.firstSeen() != null) {
                long days = java.time.temporal.ChronoUnit.DAYS.between(p.firstSeen(), d.declarationDate());
                s += ", first seen " + days + " days ago";
            }
            return s;
        }
        String hs6 = item.hs6();
        String origin = item.originCountry();
        return switch (group) {
            case "unit_price" -> {
                float dev = x[ModelFeatureVector.names().indexOf("price_dev_hs6_origin")];
                String where = "HS " + hs6 + " from " + origin;
                if (Float.isNaN(dev)) {
                    dev = x[ModelFeatureVector.names().indexOf("price_dev_hs6")];
                    where = "HS " + hs6;
                }
                if (Float.isNaN(dev)) {
                    float lup = x[ModelFeatureVector.names().indexOf("log_unit_price")];
                    yield Float.isNaN(lup) ? "Declared price per kg is unknown"
                            : "Declared price per kg is " + unitMoney(Math.exp(lup), d, item, history)
                            + ", with fewer than " + org.smartcustoms.tariff.PriceNorms.MIN_OBSERVATIONS + " earlier prices to compare";
                }
                double ratio = Math.exp(dev) - 1;
                if (Math.abs(ratio) < 0.05) {
                    float lup = x[ModelFeatureVector.names().indexOf("log_unit_price")];
                    yield "Declared price per kg (" + unitMoney(Math.exp(lup), d, item, history) + ") is close to the median for " + where;
                }
                yield "Declared price per kg is " + pct(Math.abs(ratio)) + (ratio < 0 ? " below" : " above")
                        + " the median for " + where;
            }
            case "log_value" -> "Declared value is " + money(ModelFeatureVector.value(d, item), d, item);
            case "log_mass" -> "Net mass is " + (item.netMassKg() == null ? "unknown" : item.netMassKg().toPlainString() + " kg");
            case "tax_rate" -> "Duty rate is " + fmt(ModelFeatureVector.taxRate(item)) + "%";
            case "origin_ne_departure" -> {
                String dep = d.transport().departureCountry();
                yield origin != null && dep != null && !origin.equals(dep)
                        ? "Goods originating in " + origin + " were shipped from " + dep
                        : "Goods were shipped from their country of origin " + (origin == null ? "" : origin);
            }
            case "has_courier" -> d.party(PartyRole.CARRIER).isPresent()
                    ? "Shipped by courier " + d.party(PartyRole.CARRIER).get().id() : "Not shipped by courier";
            default -> "Feature " + group;
        };
    }

    private static String label(String group, String value) {
        String fmt = LABELS.get(group);
        int first = fmt.indexOf("%s");
        int second = fmt.indexOf("%s", first + 2);
        if (second < 0) return fmt.substring(0, first) + value + fmt.substring(first + 2);
        int cut = -1;
        for (int i = 0; i < value.length() && cut < 0; i++) if (value.charAt(i) == '|' || value.charAt(i) == '>') cut = i;
        String a = cut < 0 ? value : value.substring(0, cut);
        String b = cut < 0 ? "" : value.substring(cut + 1);
        return fmt.substring(0, first) + a + fmt.substring(first + 2, second) + b + fmt.substring(second + 2);
    }

    private static String pct(double r) { return Math.round(r * 100) + "%"; }

    private static String fmt(double v) { return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.1f", v); }

    /** The single keys a pair key is made of (route: departure country, then office). */
    private static final Map<String, List<String>> PARTS = Map.of(
            "importer_hs6", List.of("importer", "hs6"), "hs6_origin", List.of("hs6", "origin"),
            "declarant_importer", List.of("declarant", "importer"), "importer_seller", List.of("importer", "seller"),
            "seller_hs6", List.of("seller", "hs6"), "route", List.of("departure", "office"),
            "importer_origin", List.of("importer", "origin"), "declarant_hs6", List.of("declarant", "hs6"));

    private static final Map<String, PartyRole> ROLES = Map.of("declarant", PartyRole.DECLARANT,
            "importer", PartyRole.IMPORTER, "seller", PartyRole.SELLER, "courier", PartyRole.CARRIER);

    /**
     * What is missing of a field group whose value is absent, naming only the parts really missing: "Seller
     * declared without an ID" (a pair needs both parts), "Courier not declared"; {@code keys} as
     * {@link ModelFeatureVector#keyValues} gives them.
     */
    static String notDeclared(String group, Declaration d, String[] keys) {
        List<String> missing = new ArrayList<>();
        for (String part : PARTS.getOrDefault(group, List.of(group))) {
            if (keys[ModelFeatureVector.KEYS.indexOf(part)] != null) continue;
            PartyRole role = ROLES.get(part);
            String words = words(part);
            missing.add(role != null && d.party(role).isPresent() ? words + " declared without an ID" : words + " not declared");
        }
        if (missing.isEmpty()) return words(group) + " not declared"; // not reached: an absent pair lacks a part
        String s = String.join("; ", missing);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String words(String key) {
        return switch (key) {
            case "hs6" -> "HS code";
            case "hs4" -> "HS heading";
            case "hs2" -> "HS chapter";
            case "departure" -> "departure country";
            case "office" -> "customs office";
            default -> key;
        };
    }

    /** An amount in the item's declared currency (the model reads declared values as they are). */
    private static String money(double v, Declaration d, GoodsItem item) {
        var m = d.valueOf(item);
        String currency = m == null || m.currency() == null ? "" : " " + m.currency();
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%,.0f", v) + currency;
    }

    /** A unit value: in national currency when the history converts, else as declared. */
    private static String unitMoney(double v, Declaration d, GoodsItem item, HistoryStore history) {
        String national = history.rates().nationalCurrency();
        if (national == null) return money(v, d, item);
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%,.0f", v) + " " + national;
    }
}
