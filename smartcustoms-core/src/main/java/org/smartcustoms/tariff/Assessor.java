package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DocumentRef;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;

/**
 * Assesses customs value, duty, excise and VAT for declarations, and estimates them for traders. Both paths
 * reduce their input to the same one-item calculation, so an estimate equals the assessment of the same goods.
 *
 * <p>Rounding: converted values, freight/insurance additions and every charge are rounded to 2 decimals
 * HALF_UP once, at the end of their own computation; VAT is computed on the rounded customs value + duty +
 * excise; totals are sums of the rounded amounts.
 *
 * <p>How declaration items are read: value = item customs value, else statistical value, else the invoice
 * amount when the declaration has a single item; origin for preference = preferential origin, else origin;
 * proof of origin = any item or declaration document whose type code is in
 * {@link AssessmentPolicy#proofOfOriginDocuments()}; agreement = item additional information {@code AGREEMENT}
 * (absent = best available); declared freight/insurance = item additional information {@code FREIGHT} /
 * {@code INSURANCE} with text "amount [currency]" (currency defaults to the item value's); Incoterm = first 3
 * letters of the delivery terms; quantities = supplementary quantity plus net mass as KGM; a preference code
 * starting with 1 (EU: third-country duty) means no preference is claimed.
 */
public final class Assessor {
    private final DutyCalculator calculator;
    private final AssessmentPolicy policy;

    public Assessor(Nomenclature nomenclature, TariffSchedule schedule, ExchangeRates exchangeRates, AssessmentPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calculator = new DutyCalculator(Objects.requireNonNull(nomenclature, "nomenclature"),
                Objects.requireNonNull(schedule, "schedule"), Objects.requireNonNull(exchangeRates, "exchangeRates"), policy);
    }

    /** Duty and taxes for every item of the declaration, with totals. */
    public DeclarationAssessment assess(Declaration declaration) {
        List<ItemAssessment> items = new ArrayList<>();
        for (GoodsItem item : declaration.items()) items.add(assessItem(declaration, item));
        return totals(declaration, items);
    }

    /**
     * Declaration totals over already assessed items (sums of the rounded item amounts). Also used by callers
     * that assess item by item and keep going when one item cannot be assessed.
     */
    public DeclarationAssessment totals(Declaration declaration, List<ItemAssessment> items) {
        String nat = calculator.nationalCurrency();
        BigDecimal cv = BigDecimal.ZERO;
        BigDecimal duty = BigDecimal.ZERO;
        BigDecimal excise = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        for (ItemAssessment i : items) {
            cv = cv.add(i.customsValue().amount());
            duty = duty.add(i.duty().amount().amount());
            excise = excise.add(i.excise().amount().amount());
            vat = vat.add(i.vat().amount().amount());
        }
        BigDecimal total = duty.add(excise).add(vat);
        return new DeclarationAssessment(declaration.lrn(), declaration.declarationDate(), nat, items,
                money(cv), money(duty), money(excise), money(vat), money(total));
    }

    /** Duty and taxes for one item of the declaration. */
    public ItemAssessment assessItem(Declaration declaration, GoodsItem item) {
        return calculator.calculate(facts(declaration, item));
    }

    /** A trader's estimate: exactly the assessment of a one-item declaration with the same facts. */
    public ItemAssessment estimate(EstimateRequest r) {
        Map<String, BigDecimal> q = new HashMap<>();
        if (r.quantity() != null) q.put(r.unit(), r.quantity());
        Money freight = r.freight() == null ? null : new Money(r.freight(), r.currency());
        Money insurance = r.insurance() == null ? null : new Money(r.insurance(), r.currency());
        return calculator.calculate(new ItemFacts(1, r.hsCode(), r.origin(), r.agreement(), true, r.proofOfOrigin(),
                new Money(r.value(), r.currency()), r.incoterm(), freight, insurance, q, r.date()));
    }

    /**
     * An estimate with several declared quantities (unit code to quantity, e.g. KGM and NAR), for goods whose specific
     * rate may be in any of them; {@code r}'s own quantity, if any, is added to them.
     */
    public ItemAssessment estimate(EstimateRequest r, Map<String, BigDecimal> quantities) {
        Map<String, BigDecimal> q = new HashMap<>(quantities);
        if (r.quantity() != null) q.put(r.unit(), r.quantity());
        Money freight = r.freight() == null ? null : new Money(r.freight(), r.currency());
        Money insurance = r.insurance() == null ? null : new Money(r.insurance(), r.currency());
        return calculator.calculate(new ItemFacts(1, r.hsCode(), r.origin(), r.agreement(), true, r.proofOfOrigin(),
                new Money(r.value(), r.currency()), r.incoterm(), freight, insurance, q, r.date()));
    }

    /** The same calculation for hypothetical facts (used by {@link RevenueAtRisk}). */
    ItemAssessment calculate(ItemFacts facts) {
        return calculator.calculate(facts);
    }

    String nationalCurrency() { return calculator.nationalCurrency(); }

    ItemFacts facts(Declaration d, GoodsItem item) {
        String where = "item " + item.sequence() + ": ";
        if (d.declarationDate() == null) throw new IllegalArgumentException("the declaration has no date");
        if (item.commodityCode() == null || item.commodityCode().isEmpty()) {
            throw new MissingItemDataException(where + "no commodity code declared (allowed on simplified and deferred "
                    + "declarations); duty can be assessed once the code is declared, e.g. in the supplementary declaration");
        }
        Money value = d.valueOf(item);
        if (value == null) {
            throw new MissingItemDataException(where + "no customs or statistical value declared (allowed on simplified "
                    + "declarations, unit-price valuation 1SV/E01/E02 and special procedures); duty can be assessed once "
                    + "the value is known");
        }
        String origin = item.preferentialOriginCountry() != null ? item.preferentialOriginCountry() : item.originCountry();
        boolean proof = Stream.concat(item.additionalDocuments().stream(), d.additionalDocuments().stream())
                .map(DocumentRef::typeCode).filter(Objects::nonNull)
                .anyMatch(t -> policy.proofOfOriginDocuments().contains(t.toUpperCase(Locale.ROOT)));
        String incoterm = d.deliveryTerms() == null ? null
                : d.deliveryTerms().trim().toUpperCase(Locale.ROOT).substring(0, Math.min(3, d.deliveryTerms().trim().length()));
        String valueCurrency = value == null ? null : value.currency();
        Money freight = declaredMoney(item.info("FREIGHT"), valueCurrency, where + "FREIGHT");
        Money insurance = declaredMoney(item.info("INSURANCE"), valueCurrency, where + "INSURANCE");
        Map<String, BigDecimal> q = new HashMap<>();
        if (item.quantity() != null && item.quantity().unit() != null) q.put(item.quantity().unit(), item.quantity().value());
        if (item.netMassKg() != null) q.put("KGM", item.netMassKg());
        String agreement = DutyCalculator.upper(item.info("AGREEMENT"));
        // EU-style preference codes: first digit 1 = third-country (MFN) duty requested, no preference claimed
        boolean claimed = item.preferenceCode() == null || !item.preferenceCode().trim().startsWith("1");
        return new ItemFacts(item.sequence(), item.commodityCode(), origin, agreement, claimed, proof, value, incoterm,
                freight, insurance, q, d.declarationDate());
    }

    private static Money declaredMoney(String text, String defaultCurrency, String what) {
        if (text == null || text.isBlank()) return null;
        String[] parts = text.trim().split("\\s+");
        try {
            return new Money(new BigDecimal(parts[0]), parts.length > 1 ? parts[1] : defaultCurrency);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be 'amount [currency]', got '" + text + "'");
        }
    }

    private Money money(BigDecimal x) { return new Money(DutyCalculator.round(x), calculator.nationalCurrency()); }
}
