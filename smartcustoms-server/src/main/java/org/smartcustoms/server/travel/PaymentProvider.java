package org.smartcustoms.server.travel;

import java.util.Map;

/**
 * The port to a card payment provider: a charge with an idempotency key, and the provider's webhooks (signed) that
 * confirm it. {@link SimulatedPaymentProvider} is the built-in one for the demo.
 */
interface PaymentProvider {
    String name();

    /** The outcome of a charge: approved or not, the provider's reference, the card's last digits, the webhook it sends. */
    record Charge(boolean approved, String providerRef, String cardLast4, String declineReason, Webhook webhook) { }

    /** A webhook as delivered: its headers and raw body. */
    record Webhook(Map<String, String> headers, String body) { }

    Charge charge(String paymentId, long amount, String currency, String cardToken, String idempotencyKey);

    /** Verifies a webhook's signature and freshness; answers the parsed event or throws {@link TravelExceptions.BadWebhook}. */
    Map<String, Object> verify(Map<String, String> headers, String body);
}
