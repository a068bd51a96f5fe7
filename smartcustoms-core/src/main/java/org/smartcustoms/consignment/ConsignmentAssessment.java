package org.smartcustoms.consignment;

import java.util.Objects;

import org.smartcustoms.declaration.Money;

/**
 * Duty and taxes of one low-value consignment in national currency (rounded to 2 decimals), after de minimis relief.
 *
 * @param customsValue     the value converted at the date's exchange rate (taken as the customs value)
 * @param duty             customs duty due (zero when relieved)
 * @param excise           excise due (never relieved by de minimis)
 * @param vat              consumption tax / import VAT due (zero when relieved)
 * @param total            duty + excise + VAT
 * @param dutyRelieved     duty would be due but the de minimis relief applies
 * @param vatRelieved      VAT would be due but the de minimis relief applies
 * @param dutyThreshold    the tariff's duty de minimis for these goods on the date, null when there is none
 */
public record ConsignmentAssessment(Money customsValue, Money duty, Money excise, Money vat, Money total,
                                    boolean dutyRelieved, boolean vatRelieved, Money dutyThreshold) {
    public ConsignmentAssessment {
        Objects.requireNonNull(customsValue, "customsValue");
        Objects.requireNonNull(duty, "duty");
        Objects.requireNonNull(excise, "excise");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(total, "total");
    }
}
