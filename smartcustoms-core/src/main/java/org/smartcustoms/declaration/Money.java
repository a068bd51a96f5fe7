package org.smartcustoms.declaration;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in an ISO 4217 currency. Code validity is checked by {@link DeclarationValidator}, not here. */
public record Money(BigDecimal amount, String currency) {
    public Money {
        Objects.requireNonNull(amount, "amount");
        currency = currency == null ? null : currency.trim().toUpperCase(java.util.Locale.ROOT);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
