package org.smartcustoms.server.travel;

import java.time.Instant;

/**
 * Where the provider's webhook goes for payments that are not a traveller's: the payment orders of trade
 * declarations (package {@code org.smartcustoms.server.payment}). {@link TravelService#webhook} verifies the signature
 * and freshness and records the event id once for both kinds; the sink checks the amount and records the payment.
 */
public interface OrderPaymentSink {
    /** True for the sink's payment ids. */
    boolean handles(String paymentId);

    /** Why the event does not match the pending payment (unknown, other amount or currency), or null when it does. */
    String mismatch(String paymentId, long amountMinor, String currency);

    /** Records the payment as paid; null when it was not pending (nothing recorded). */
    TravelService.PaymentView paid(String paymentId, String providerRef, Instant at);
}
