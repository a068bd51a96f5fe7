package org.smartcustoms.server.travel;

import java.util.List;
import java.util.Map;

/**
 * The port to a card payment provider: a charge with an idempotency key, and the provider's webhooks (signed) that
 * confirm it. {@link SimulatedPaymentProvider} is the built-in one for the demo.
 */
public interface PaymentProvider {
    String name();

    /** The outcome of a charge: approved or not, the provider's reference, the card's last digits, the webhook it sends. */
    record Charge(boolean approved, String providerRef, String cardLast4, String declineReason, Webhook webhook) { }

    /** A webhook as delivered: its headers and raw body. */
    record Webhook(Map<String, String> headers, String body) { }

    Charge charge(String paymentId, long amount, String currency, String cardToken, String idempotencyKey);

    /** Verifies a webhook's signature and freshness; answers the parsed event or throws {@link TravelExceptions.BadWebhook}. */
    Map<String, Object> verify(Map<String, String> headers, String body);

    /** The outcome of a refund of (part of) a charge: made or not, the provider's reference of the refund. */
    record Refund(boolean made, String refundRef, String declineReason) { }

    /**
     * Gives back {@code amount} (minor units) of the charge made for {@code paymentId}; the same idempotency key answers
     * the same refund, never a second one.
     */
    Refund refund(String paymentId, long amount, String currency, String idempotencyKey);

    /** One charge as the provider settled it: what it took (minor units of the currency), for which payment. */
    record Settlement(String paymentId, String providerRef, long amount, String currency, String status) { }

    /** The provider's settlement report: every charge it approved, as it reports them (for reconciliation). */
    List<Settlement> settlements();
}
