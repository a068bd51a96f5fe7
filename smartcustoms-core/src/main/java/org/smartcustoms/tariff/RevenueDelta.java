package org.smartcustoms.tariff;

import org.smartcustoms.declaration.Money;

/**
 * What a hypothesis about an item would change: the assessment as declared, the assessment under the
 * hypothesis, and {@code difference} = hypothetical total − declared total (duty + excise + VAT; negative
 * when the hypothesis lowers revenue). {@link #atRisk()} is the non-negative part risk scoring wants.
 */
public record RevenueDelta(String hypothesis, ItemAssessment declared, ItemAssessment hypothetical, Money difference) {

    public Money atRisk() {
        return difference.amount().signum() > 0 ? difference
                : new Money(java.math.BigDecimal.ZERO.setScale(2), difference.currency());
    }
}
