package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

import org.smartcustoms.declaration.Money;

/**
 * The normalised input of one item calculation. Both {@link Assessor#assess} and {@link Assessor#estimate}
 * reduce their input to this, so they necessarily agree. {@code preferenceClaimed} is false when the declarant
 * asked for the third-country (MFN) duty. {@code quantities} maps UN/ECE unit to amount
 * (net mass is KGM).
 */
record ItemFacts(int sequence, String code, String origin, String agreement, boolean preferenceClaimed,
                 boolean proofOfOrigin, Money value,
                 String incoterm, Money freight, Money insurance, Map<String, BigDecimal> quantities, LocalDate date) {
    ItemFacts {
        String where = "item " + sequence + ": ";
        if (code == null || code.isBlank()) throw new IllegalArgumentException(where + "commodity code is required");
        Objects.requireNonNull(date, where + "date is required");
        if (value == null) throw new IllegalArgumentException(where + "a customs or statistical value is required");
        if (value.currency() == null) throw new IllegalArgumentException(where + "the value has no currency");
        if (value.amount().signum() < 0) throw new IllegalArgumentException(where + "value must not be negative: " + value.amount().toPlainString());
        if (freight != null && freight.amount().signum() < 0) throw new IllegalArgumentException(where + "freight must not be negative");
        if (insurance != null && insurance.amount().signum() < 0) throw new IllegalArgumentException(where + "insurance must not be negative");
        quantities = Map.copyOf(quantities);
        quantities.forEach((u, q) -> {
            if (q.signum() < 0) throw new IllegalArgumentException(where + "quantity must not be negative: " + q.toPlainString() + " " + u);
        });
    }

    ItemFacts withCode(String newCode) {
        return new ItemFacts(sequence, newCode, origin, agreement, preferenceClaimed, proofOfOrigin, value, incoterm, freight, insurance, quantities, date);
    }

    ItemFacts withValue(Money newValue) {
        return new ItemFacts(sequence, code, origin, agreement, preferenceClaimed, proofOfOrigin, newValue, incoterm, freight, insurance, quantities, date);
    }
}
