package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An order to pay an amount on a declaration, as the declarant sees it: what is due ({@code amount} in
 * {@code currency}) by {@code dueDate} under {@code reference}, and the declaration's duty and taxes before
 * ({@code assessedTotal}, null when the assessment was not complete or in another currency) and after this order
 * ({@code newTotal}). Carries no officer, finding or risk information.
 */
public record PaymentOrder(String reference, String declarationId, Kind kind, BigDecimal amount, String currency,
                           BigDecimal assessedTotal, BigDecimal newTotal, LocalDate dueDate, Instant issuedAt) {
    /** Why the order was issued. */
    public enum Kind {
        /** Additional duty recorded after a customs control. */
        ADDITIONAL_DUTY,
        /** The duty and taxes assessed on the declaration, paid by the declarant through the payment provider. */
        ASSESSED_DUTY
    }

    public PaymentOrder {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (amount.signum() <= 0) throw new IllegalArgumentException("a payment order is for a positive amount");
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be an ISO 4217 code");
    }
}
