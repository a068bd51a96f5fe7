package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts as providers take them: whole minor units of the currency (cents; yen have none). */
final class MinorUnits {
    private MinorUnits() { }

    static int digits(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    static long of(BigDecimal amount, String currency) {
        return amount.setScale(digits(currency), RoundingMode.HALF_UP).movePointRight(digits(currency)).longValueExact();
    }

    static BigDecimal amount(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }
}
