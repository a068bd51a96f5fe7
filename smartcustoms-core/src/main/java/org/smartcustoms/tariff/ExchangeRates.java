package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Port for exchange rates into the national currency, valid on a date. A storage seam: the server may back it
 * with the database; {@link ExchangeRateTable} is the in-memory implementation loaded from CSV.
 */
public interface ExchangeRates {

    /** ISO 4217 code of the currency duties are assessed in (e.g. EUR). */
    String nationalCurrency();

    /**
     * Units of national currency for one unit of {@code currency}, as valid on {@code date} (the latest rate
     * whose valid_from is on or before the date). The national currency itself is 1.
     *
     * @throws MissingExchangeRateException when no rate is valid — never a silent zero
     */
    BigDecimal rate(String currency, LocalDate date);
}
