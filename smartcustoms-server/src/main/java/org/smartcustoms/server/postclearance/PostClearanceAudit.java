package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smartcustoms.declaration.Money;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.ItemAssessment;
import org.smartcustoms.tariff.TariffAssessment;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.tariff.PriceNormService;
import org.smartcustoms.server.tariff.TariffService;
import org.smartcustoms.tariff.RevenueAtRisk;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;
import org.smartcustoms.tariff.UnitValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * Selects released and cleared declarations, and the importers behind them, for post-clearance audit by the
 * revenue they may have cost: expected revenue at risk = probability of irregularity × potential shortfall.
 *
 * <p>The shortfall is priced from undervaluation only, because that is what the stored data can measure: an
 * item whose unit value is more than {@code deviation} below its {@link PriceNorms price norm} (HS6 × origin, per kg
 * else per unit, national currency, as of the declaration date: {@link PriceNormService}) is assumed to be worth the
 * norm; the duty and tax it escaped is the item's assessed duty+tax scaled by the missing value fraction
 * (ad valorem duty and VAT scale with value) when the tariff assessment is stored, else what {@link RevenueAtRisk}
 * finds re-assessing the declaration at the norm with the current tariff, else the missing value at
 * {@code defaultTaxRate}. The probability is the risk decision's fraud probability, else score/100, else 0.5.
 */
@Service
public class PostClearanceAudit {
    private final PostClearanceStore store;
    private final PriceNormService norms;
    private final DeclarationStore declarations;
    private final TariffService tariff;
    private final double deviation;
    private final BigDecimal defaultTaxRate;

    public PostClearanceAudit(PostClearanceStore store, PriceNormService norms, DeclarationStore declarations, TariffService tariff,
                              @Value("${smartcustoms.post-clearance.deviation:0.2}") double deviation,
                              @Value("${smartcustoms.post-clearance.default-tax-rate:0.08}") BigDecimal defaultTaxRate) {
        this.store = store;
        this.norms = norms;
        this.declarations = declarations;
        this.tariff = tariff;
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

    private record Item(int sequence, String hs6, String origin, String currency, BigDecimal value, BigDecimal mass,
                        BigDecimal quantity, List<UnitValue> unitValues) {
        BigDecimal on(PriceNorms.Basis basis) { return basis == PriceNorms.Basis.PER_KG ? mass : quantity; }
    }

    private record Scan(List<DeclarationRisk> flagged, Map<String, Integer> releasedPerImporter) { }

    private Scan scan() {
        PriceNorms priceNorms = norms.norms();
        ExchangeRates rates = norms.rates();
        Map<String, List<Item>> items = new HashMap<>();
        store.releasedItems(row -> {
            String hs6 = hs6(row.commodityCode());
            List<UnitValue> unitValues = row.valueAmount() == null ? List.of() : UnitValue.all(hs6, row.originCountry(),
                    new org.smartcustoms.declaration.Money(row.valueAmount(), row.valueCurrency()), row.netMassKg(),
                    row.quantity(), row.declarationDate(), rates);
            items.computeIfAbsent(row.declarationId(), k -> new ArrayList<>()).add(new Item(row.sequenceNo(),
                    hs6, row.originCountry(), row.valueCurrency(), row.valueAmount(), row.netMassKg(), row.quantity(), unitValues));
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
            DeclarationRisk r = assess(id, row.lrn(), importer, row.status(), score, row.risk(), row.assessment(),
                    items.getOrDefault(id, List.of()), priceNorms, rates.nationalCurrency(), inspected.get(id));
            if (r != null) flagged.add(r);
        });
        flagged.sort(Comparator.comparing(DeclarationRisk::expectedRevenueAtRisk).reversed().thenComparing(DeclarationRisk::id));
        return new Scan(flagged, released);
    }

    private DeclarationRisk assess(String id, String lrn, String importer, String status, Integer score, RiskDecision risk,
                                   TariffAssessment assessment, List<Item> items, PriceNorms priceNorms, String national,
                                   String inspectedOutcome) {
        Money assessedTotal = assessment == null ? null : assessment.total();
        Map<Integer, Money> itemTotals = new HashMap<>();
        if (assessment != null) {
            for (ItemAssessment i : assessment.items()) if (i.total() != null) itemTotals.put(i.sequence(), i.total());
        }
        BigDecimal declaredValue = BigDecimal.ZERO;
        for (Item i : items) if (i.value() != null) declaredValue = declaredValue.add(i.value());

        String currency = null;
        BigDecimal potential = BigDecimal.ZERO;
        List<String> reasons = new ArrayList<>();
        for (Item i : items) {
            PriceNorms.Comparison c = priceNorms.compare(i.unitValues()).orElse(null);
            if (c == null) continue;
            double median = c.norm().median();
            double unit = c.declared().value();
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
                Money reassessed = reassessedAtTheNorm(id, i.sequence(), c).orElse(null);
                if (reassessed != null) {
                    shortfall = reassessed;
                    basis = "the tariff re-assessed at the norm";
                } else {
                    BigDecimal missingValue = BigDecimal.valueOf((median - unit)).multiply(i.on(c.norm().basis()));
                    shortfall = new Money(missingValue.multiply(defaultTaxRate), national);
                    basis = "an assumed " + plain(defaultTaxRate.multiply(BigDecimal.valueOf(100))) + "% duty and tax";
                }
            }
            if (currency == null) currency = shortfall.currency();
            String per = national + "/" + c.norm().basis().unit();
            String sentence = "Declared " + fmt(unit) + " " + per + " vs median " + fmt(median) + " " + per + " "
                    + c.norm().scope() + " (item " + i.sequence() + ")";
            if (currency.equals(shortfall.currency())) {
                potential = potential.add(shortfall.amount());
                reasons.add(sentence + ": about " + money(shortfall.amount()) + " "
                        + shortfall.currency() + " of duty and tax missing, from " + basis + ".");
            } else {
                reasons.add(sentence + " (in " + shortfall.currency() + ", not added to the total).");
            }
        }
        if (potential.signum() <= 0) return null;
        double p;
        if (risk != null && risk.fraudProbability() > 0) {
            p = Math.min(1, risk.fraudProbability());
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

    /**
     * What {@link RevenueAtRisk} says the item would owe more if valued at its norm (the current tariff re-assessing
     * the stored declaration); empty when the declaration or item is gone or the tariff cannot assess it.
     */
    private java.util.Optional<org.smartcustoms.declaration.Money> reassessedAtTheNorm(String id, int sequence, PriceNorms.Comparison c) {
        try {
            var declaration = declarations.find(id).map(StoredDeclaration::declaration).orElse(null);
            if (declaration == null) return java.util.Optional.empty();
            var item = declaration.items().stream().filter(x -> x.sequence() == sequence).findFirst().orElse(null);
            if (item == null) return java.util.Optional.empty();
            RevenueAtRisk revenue = new RevenueAtRisk(tariff.assessor(), norms.norms(), norms.rates());
            return java.util.Optional.of(revenue.undervaluation(declaration, item, c).atRisk());
        } catch (RuntimeException notAssessable) { // no rate, no commodity code, unknown code: fall back to the assumed rate
            return java.util.Optional.empty();
        }
    }

    /** The HS subheading of a stored commodity code; null when the item has none (deferred goods data, J/K/Q). */
    private static String hs6(String code) {
        if (code == null || code.isBlank()) return null;
        return code.length() >= 6 ? code.substring(0, 6) : code;
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
