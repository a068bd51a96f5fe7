package org.smartcustoms.tariff;

import java.util.List;

import org.smartcustoms.declaration.Money;

/**
 * The tariff assessment kept with a declaration: duty and taxes item by item with totals, and the items the
 * tariff could not assess (code not in the nomenclature, no exchange rate for the date). {@code complete} is
 * true only when every item was assessed; an incomplete assessment is never silently read as zero duty.
 */
public record TariffAssessment(boolean complete, String currency, List<ItemAssessment> items, Money customsValue,
                               Money duty, Money excise, Money vat, Money total, List<ItemError> errors) {
    public TariffAssessment {
        items = items == null ? List.of() : List.copyOf(items);
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (complete && !errors.isEmpty()) throw new IllegalArgumentException("a complete assessment has no item errors");
    }

    /** Why an item could not be assessed. */
    public record ItemError(int sequence, String code, String message) { }
}
