package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;

/**
 * Prices a suspicion in money, for risk targeting and audit: how much duty and tax would be due if an item
 * were valued at the norm for its kind of goods, or classified under another code. Uses the same calculation
 * as {@link Assessor}, so the figures are the ones an amended assessment would produce.
 */
public final class RevenueAtRisk {
    private final Assessor assessor;
    private final PriceNorms norms;
    private final ExchangeRates rates;

    public RevenueAtRisk(Assessor assessor, PriceNorms norms, ExchangeRates rates) {
        this.assessor = Objects.requireNonNull(assessor, "assessor");
        this.norms = Objects.requireNonNull(norms, "norms");
        this.rates = Objects.requireNonNull(rates, "rates");
    }

    /**
     * Difference if the item's unit value were the {@link PriceNorms norm} of its HS6 × origin as of the
     * declaration date (per kg of net mass, else per supplementary unit: {@link PriceNorms#compare}). Empty when
     * no norm exists or the item has no mass/quantity to price. The hypothetical value replaces the declared one
     * in national currency; freight/insurance rules apply as declared.
     */
    public Optional<RevenueDelta> undervaluation(Declaration declaration, GoodsItem item) {
        return norms.compare(declaration, item, rates).map(c -> undervaluation(declaration, item, c));
    }

    /** {@link #undervaluation(Declaration, GoodsItem)} for a comparison the caller already made. */
    public RevenueDelta undervaluation(Declaration declaration, GoodsItem item, PriceNorms.Comparison c) {
        BigDecimal median = BigDecimal.valueOf(c.norm().median());
        BigDecimal per = c.norm().basis().quantity(item);
        ItemFacts facts = assessor.facts(declaration, item);
        ItemAssessment declared = assessor.calculate(facts);
        Money normValue = new Money(DutyCalculator.round(median.multiply(per)), rates.nationalCurrency());
        ItemAssessment hypo = assessor.calculate(facts.withValue(normValue));
        String h = "unit value at median " + median.stripTrailingZeros().toPlainString() + " " + rates.nationalCurrency()
                + "/" + c.norm().basis().unit() + " " + c.norm().scope();
        return delta(h, declared, hypo);
    }

    /** Difference if the item were classified under {@code alternativeCode} (which must exist on the date). */
    public RevenueDelta reclassification(Declaration declaration, GoodsItem item, String alternativeCode) {
        ItemFacts facts = assessor.facts(declaration, item);
        ItemAssessment declared = assessor.calculate(facts);
        ItemAssessment hypo = assessor.calculate(facts.withCode(Nomenclature.normalize(alternativeCode)));
        return delta("classified under " + Nomenclature.normalize(alternativeCode), declared, hypo);
    }

    private static RevenueDelta delta(String hypothesis, ItemAssessment declared, ItemAssessment hypo) {
        Money diff = new Money(hypo.total().amount().subtract(declared.total().amount()), declared.total().currency());
        return new RevenueDelta(hypothesis, declared, hypo, diff);
    }
}
