package org.smartcustoms.tariff;

import java.time.LocalDate;
import java.util.List;

import org.smartcustoms.declaration.Money;

/**
 * Duty and taxes for a whole declaration: the per-item assessments and their totals (sums of the already
 * rounded item amounts, so the totals always equal what the items show).
 */
public record DeclarationAssessment(String lrn, LocalDate date, String currency, List<ItemAssessment> items,
                                    Money customsValue, Money duty, Money excise, Money vat, Money total) {
    public DeclarationAssessment {
        items = List.copyOf(items);
    }
}
