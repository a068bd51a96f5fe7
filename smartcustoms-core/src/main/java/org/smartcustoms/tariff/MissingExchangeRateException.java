package org.smartcustoms.tariff;

import java.time.LocalDate;

/**
 * No exchange rate is known for the currency on the date. Assessment stops here rather than valuing the goods
 * at zero: a silent zero would waive all duty and tax.
 */
public class MissingExchangeRateException extends RuntimeException {
    private final String currency;
    private final LocalDate date;

    public MissingExchangeRateException(String currency, LocalDate date) {
        super("No exchange rate for currency '" + currency + "' valid on " + date);
        this.currency = currency;
        this.date = date;
    }

    public String currency() { return currency; }

    public LocalDate date() { return date; }
}
