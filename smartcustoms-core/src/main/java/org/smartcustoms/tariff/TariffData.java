package org.smartcustoms.tariff;

import java.util.Objects;

/**
 * One consistent set of tariff data (nomenclature, schedule, exchange rates, policy), the unit the server
 * loads at start or swaps in atomically after an admin upload.
 */
public record TariffData(Nomenclature nomenclature, TariffSchedule schedule, ExchangeRateTable exchangeRates,
                         AssessmentPolicy policy) {
    public TariffData {
        Objects.requireNonNull(nomenclature, "nomenclature");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(exchangeRates, "exchangeRates");
        Objects.requireNonNull(policy, "policy");
    }

    public Assessor assessor() {
        return new Assessor(nomenclature, schedule, exchangeRates, policy);
    }
}
