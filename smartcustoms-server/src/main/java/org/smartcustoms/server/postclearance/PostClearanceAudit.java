package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smartcustoms.server.postclearance.StoredJson.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Selects released and cleared declarations, and the importers behind them, for post-clearance audit by the
 * revenue they may have cost: expected revenue at risk = probability of irregularity × potential shortfall.
 *
 * <p>The shortfall is priced from undervaluation only, because that is what the stored data can measure: an
 * item whose unit value (declared value per kg) is more than {@code deviation} below the median of its HS6 ×
 * origin × currency group (groups of at least {@code minObservations} stored items) is assumed to be worth the
 * median; the duty and tax it escaped is the item's assessed duty+tax scaled by the missing value fraction
 * (ad valorem duty and VAT scale with value) when the tariff assessment is stored, else the missing value at
 * {@code defaultTaxRate}. The probability is the risk decision's fraud probability, else score/100, else 0.5.
 */
@Service
public class PostClearanceAudit {
    private final PostClearanceStore store;
    private final int minObservations;
    private final double deviation;
    private final BigDecimal defaultTaxRate;

    public PostClearanceAudit(PostClearanceStore store,
                              @Value("${smartcustoms.post-clearance.min-observations:5}") int minObservations,
                              @Value("${smartcustoms.post-clearance.deviation:0.2}") double deviation,
                              @Value("${smartcustoms.post-clearance.default-tax-rate:0.08}") BigDecimal defaultTaxRate) {
        this.store = store;
        this.minObservations = Math.max(1, minObservations);
        this.deviation = deviation;
        this.defaultTaxRate = defaultTaxRate;
    }

    /** A released or cleared declaration with the revenue it may have cost and why. */
    public record DeclarationRisk(String id, String lrn, String importerId, String status, Integer riskScore,
                                  double probability, BigDecimal potentialShortfall, BigDecimal expectedRevenueAtRisk,
                                  String currency, List<String> reasons) { }

    /** An importer ranked by the summed expected revenue at risk of its released declarations. */
    public record CompanyRisk(String importerId, int declarations, int flagged, BigDecimal potentialShortfall,
                              BigDecimal expectedRevenueAtRisk, String currency, List<String> reasons) { }

    /** Declarations with a positive expected revenue at risk, highest first. */
    @Transactional(readOnly = true)
    public List<DeclarationRisk> declarations(int limit) {
        checkLimit(limit);
        return scan().flagged.stream().limit(limit).toList();
    }

    /** Importers with at least one flagged declaration, highest summed expected revenue at risk first. */
    @Transactional(readOnly = true)
    public List<CompanyRisk> companies(int limit) {
        checkLimit(limit);
        Scan s = scan();
        Map<String, List<DeclarationRisk>> byImporter = new LinkedHashMap<>();
        for (DeclarationRisk d : s.flagged) byImporter.computeIfAbsent(d.importerId(), k -> new ArrayList<>()).add(d);
        List<CompanyRisk> out = new ArrayList<>();
        byImporter.forEach((importer, list) -> {
            // amounts in different currencies cannot be added: the company figure is in its most frequent one
            String currency = list.stream().collect(java.util.stream.Collectors.groupingBy(DeclarationRisk::currency,
                    java.util.stream.Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
            BigDecimal potential = BigDecimal.ZERO;
            BigDecimal expected = BigDecimal.ZERO;
            for (DeclarationRisk d : list) {
                if (!d.currency().equals(currency)) continue;
                potential = potential.add(d.potentialShortfall());
                expected = expected.add(d.expectedRevenueAtRisk());
            }
            int total = s.releasedPerImporter.getOrDefault(importer, list.size());
            List<String> reasons = new ArrayList<>();
            reasons.add(list.size() + " of " + total + " released declaration" + (total == 1 ? "" : "s")
                    + " priced below the HS6 x origin median");
            list.stream().limit(3).forEach(d -> reasons.add(d.id() + ": " + d.reasons().get(0)));
            long other = list.stream().filter(d -> !d.currency().equals(currency)).count();
            if (other > 0) reasons.add(other + " flagged declaration(s) in other currencies not included in the total");
            out.add(new CompanyRisk(importer, total, list.size(), potential.setScale(2, RoundingMode.HALF_UP),
                    expected.setScale(2, RoundingMode.HALF_UP), currency, reasons));
        });
        out.sort(Comparator.comparing(CompanyRisk::expectedRevenueAtRisk).reversed().thenComparing(CompanyRisk::importerId));
        return out.stream().limit(limit).toList();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("limit must be between 1 and 10000");
    }

    private record Item(int sequence, String hs6, String origin, String currency, BigDecimal mass, BigDecimal value) { }

    private record Scan(List<DeclarationRisk> flagged, Map<String, Integer> releasedPerImporter) { }

    private Scan scan() {
        Map<String, Double> medians = medians();
        Map<String, List<Item>> items = new HashMap<>();
        store.releasedItems(row -> {
            items.computeIfAbsent(row.declarationId(), k -> new ArrayList<>()).add(new Item(row.sequenceNo(),
                    hs6(row.commodityCode()), row.originCountry(), row.valueCurrency(), row.netMassKg(), row.valueAmount()));
        });
        Map<String, String> inspected = new HashMap<>();
        store.resultOutcomes(row -> inspected.put(row.declarationId(), row.outcome()));
        List<DeclarationRisk> flagged = new ArrayList<>();
        Map<String, Integer> released = new HashMap<>();
        store.releasedDeclarations(row -> {
            String id = row.id();
            String importer = row.importerId() != null ? row.importerId() : row.declarantId();
            released.merge(importer, 1, Integer::sum);
            Integer score = row.riskScore();
            DeclarationRisk r = assess(id, row.lrn(), importer, row.status(), score, row.riskDecision(), row.assessment(),
                    items.getOrDefault(id, List.of()), medians, inspected.get(id));
            if (r != null) flagged.add(r);
        });
        flagged.sort(Comparator.comparing(DeclarationRisk::expectedRevenueAtRisk).reversed().thenComparing(DeclarationRisk::id));
        return new Scan(flagged, released);
    }

    private DeclarationRisk assess(String id, String lrn, String importer, String status, Integer score, String riskJson,
                                   String assessmentJson, List<Item> items, Map<String, Double> medians, String inspectedOutcome) {
        JsonNode assessment = StoredJson.parse(assessmentJson);
        Money assessedTotal = StoredJson.money(assessment == null ? null : assessment.get("total"));
        Map<Integer, Money> itemTotals = new HashMap<>();
        if (assessment != null && assessment.get("items") != null) {
            for (JsonNode i : assessment.get("items")) {
                Money t = StoredJson.money(i.get("total"));
                if (i.hasNonNull("sequence") && t != null) itemTotals.put(i.get("sequence").asInt(), t);
            }
        }
        BigDecimal declaredValue = BigDecimal.ZERO;
        for (Item i : items) if (i.value() != null) declaredValue = declaredValue.add(i.value());

        String currency = null;
        BigDecimal potential = BigDecimal.ZERO;
        List<String> reasons = new ArrayList<>();
        for (Item i : items) {
            if (i.hs6() == null || i.mass() == null || i.value() == null || i.mass().signum() <= 0 || i.value().signum() <= 0) continue;
            Double median = medians.get(key(i.hs6(), i.origin(), i.currency()));
            if (median == null) continue;
            double unit = i.value().doubleValue() / i.mass().doubleValue();
            if (unit >= median * (1 - deviation)) continue;
            BigDecimal missingFraction = BigDecimal.valueOf(median / unit - 1);
            Money shortfall;
            String basis;
            Money itemTotal = itemTotals.get(i.sequence());
            if (itemTotal != null) {
                shortfall = new Money(itemTotal.amount().multiply(missingFraction), itemTotal.currency());
                basis = "assessed duty and tax " + money(itemTotal.amount()) + " " + itemTotal.currency();
            } else if (assessedTotal != null && declaredValue.signum() > 0) {
                BigDecimal share = assessedTotal.amount().multiply(i.value()).divide(declaredValue, 10, RoundingMode.HALF_UP);
                shortfall = new Money(share.multiply(missingFraction), assessedTotal.currency());
                basis = "its share of the assessed duty and tax";
            } else {
                BigDecimal missingValue = BigDecimal.valueOf((median - unit)).multiply(i.mass());
                shortfall = new Money(missingValue.multiply(defaultTaxRate), i.currency());
                basis = "an assumed " + plain(defaultTaxRate.multiply(BigDecimal.valueOf(100))) + "% duty and tax";
            }
            if (currency == null) currency = shortfall.currency();
            String sentence = "Declared " + fmt(unit) + " " + i.currency() + "/kg vs median " + fmt(median) + " " + i.currency()
                    + "/kg for HS " + i.hs6() + (i.origin() == null ? "" : " from " + i.origin()) + " (item " + i.sequence() + ")";
            if (currency.equals(shortfall.currency())) {
                potential = potential.add(shortfall.amount());
                reasons.add(sentence + ": about " + money(shortfall.amount()) + " "
                        + shortfall.currency() + " of duty and tax missing, from " + basis + ".");
            } else {
                reasons.add(sentence + " (in " + shortfall.currency() + ", not added to the total).");
            }
        }
        if (potential.signum() <= 0) return null;
        JsonNode risk = StoredJson.parse(riskJson);
        double p;
        if (risk != null && risk.path("fraudProbability").asDouble(0) > 0) {
            p = Math.min(1, risk.get("fraudProbability").asDouble());
            reasons.add("Fraud probability " + fmt(p) + (score == null ? "" : ", risk score " + score) + " at release.");
        } else if (score != null) {
            p = Math.max(0, Math.min(100, score)) / 100.0;
            reasons.add("Risk score " + score + " at release.");
        } else {
            p = 0.5;
            reasons.add("Not risk-scored at release; even odds assumed.");
        }
        if (inspectedOutcome != null) {
            reasons.add("Inspected before release: " + inspectedOutcome.toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
        }
        BigDecimal expected = potential.multiply(BigDecimal.valueOf(p)).setScale(2, RoundingMode.HALF_UP);
        return new DeclarationRisk(id, lrn, importer, status, score, Math.round(p * 10000) / 10000.0,
                potential.setScale(2, RoundingMode.HALF_UP), expected, currency, reasons);
    }

    /** Median declared value per kg by HS6 × origin × currency over all stored, not rejected or cancelled items. */
    private Map<String, Double> medians() {
        Map<String, double[]> values = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        store.pricedItems(row -> {
            String hs6 = hs6(row.commodityCode());
            if (hs6 == null) return; // no commodity code (deferred goods data): no HS6 group to compare with
            String k = key(hs6, row.originCountry(), row.valueCurrency());
            int n = counts.merge(k, 1, Integer::sum);
            double[] a = values.computeIfAbsent(k, x -> new double[8]);
            if (n > a.length) values.put(k, a = Arrays.copyOf(a, a.length * 2));
            a[n - 1] = row.valueAmount().doubleValue() / row.netMassKg().doubleValue();
        });
        Map<String, Double> medians = new HashMap<>();
        values.forEach((k, a) -> {
            int n = counts.get(k);
            if (n < minObservations) return;
            double[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            medians.put(k, n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
        });
        return medians;
    }

    /** The HS subheading of a stored commodity code; null when the item has none (deferred goods data, J/K/Q). */
    private static String hs6(String code) {
        if (code == null || code.isBlank()) return null;
        return code.length() >= 6 ? code.substring(0, 6) : code;
    }

    private static String key(String hs6, String origin, String currency) {
        return hs6 + "|" + (origin == null ? "" : origin) + "|" + (currency == null ? "" : currency);
    }

    /** A figure for people: two decimals, thousands separated (19,798.66). */
    static String fmt(double v) {
        return money(BigDecimal.valueOf(v));
    }

    private static String money(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_UP));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
