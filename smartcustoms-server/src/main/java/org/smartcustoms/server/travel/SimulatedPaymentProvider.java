package org.smartcustoms.server.travel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo's payment provider: card tokens {@code tok_<brand>_<last4>} (e.g. {@code tok_visa_4242}) are approved,
 * {@code tok_declined...} declined. An approved charge sends a {@code payment.succeeded} webhook signed like the
 * common providers do: header {@value #SIGNATURE} = {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * provider's webhook secret; events older than {@value #TOLERANCE_SECONDS} s are refused. The same idempotency key
 * answers the same charge.
 */
@Component
class SimulatedPaymentProvider implements PaymentProvider {
    static final String SIGNATURE = "Sim-Signature";
    static final long TOLERANCE_SECONDS = 300;
    private final TravelKeys keys;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Charge> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Refund> refundsByKey = new ConcurrentHashMap<>();
    private final Map<String, Long> refunded = new ConcurrentHashMap<>();
    private final List<Settlement> settled = java.util.Collections.synchronizedList(new ArrayList<>());

    SimulatedPaymentProvider(TravelKeys keys, Clock clock, ObjectMapper json) {
        this.keys = keys;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public Charge charge(String paymentId, long amount, String currency, String cardToken, String idempotencyKey) {
        Charge earlier = byIdempotencyKey.get(idempotencyKey + "|" + paymentId);
        if (earlier != null) return earlier;
        String token = cardToken == null ? "" : cardToken.strip().toLowerCase(Locale.ROOT);
        Charge c;
        if (!token.matches("tok_[a-z]{2,20}(_[0-9]{4})?")) {
            c = new Charge(false, null, null, "the card token is not one the provider issued", null);
        } else if (token.startsWith("tok_declined")) {
            c = new Charge(false, null, null, "the card was declined", null);
        } else {
            String last4 = token.matches(".*_[0-9]{4}") ? token.substring(token.length() - 4) : "0000";
            String ref = "sim_" + TravelKeys.random(12);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", "evt_" + TravelKeys.random(12));
            event.put("type", "payment.succeeded");
            event.put("paymentId", paymentId);
            event.put("amount", amount);
            event.put("currency", currency);
            event.put("providerRef", ref);
            event.put("cardLast4", last4);
            c = new Charge(true, ref, last4, null, sign(write(event)));
            settled.add(new Settlement(paymentId, ref, amount, currency, "SETTLED"));
        }
        if (byIdempotencyKey.size() > 100_000) byIdempotencyKey.clear();
        byIdempotencyKey.put(idempotencyKey + "|" + paymentId, c);
        return c;
    }

    /**
     * Refunds part or all of a charge it settled, never more than the charge minus what was already refunded, in the
     * charge's currency; the same idempotency key answers the same refund.
     */
    @Override
    public synchronized Refund refund(String paymentId, long amount, String currency, String idempotencyKey) {
        Refund earlier = refundsByKey.get(idempotencyKey + "|" + paymentId);
        if (earlier != null) return earlier;
        Settlement s;
        synchronized (settled) {
            s = settled.stream().filter(x -> x.paymentId().equals(paymentId)).findFirst().orElse(null);
        }
        long already = refunded.getOrDefault(paymentId, 0L);
        Refund r;
        if (s == null) r = new Refund(false, null, "the provider took no such payment");
        else if (!s.currency().equals(currency)) r = new Refund(false, null, "the refund's currency differs from the charge's");
        else if (amount <= 0 || already + amount > s.amount()) r = new Refund(false, null, "the refund exceeds what is left of the charge");
        else {
            r = new Refund(true, "re_" + TravelKeys.random(12), null);
            refunded.merge(paymentId, amount, Long::sum);
        }
        refundsByKey.put(idempotencyKey + "|" + paymentId, r);
        return r;
    }

    @Override
    public List<Settlement> settlements() {
        synchronized (settled) {
            return List.copyOf(settled);
        }
    }

    /** Signs a webhook body as the provider does (also what a test uses to send its own events). */
    Webhook sign(String body) {
        long t = clock.instant().getEpochSecond();
        return new Webhook(Map.of(SIGNATURE, "t=" + t + ",v1=" + TravelKeys.hmac(keys.webhookKey(), t + "." + body)), body);
    }

    @Override
    public Map<String, Object> verify(Map<String, String> headers, String body) {
        String header = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(SIGNATURE)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new TravelExceptions.BadWebhook("the " + SIGNATURE + " header is missing"));
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) continue;
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new TravelExceptions.BadWebhook("the signature timestamp is not a number");
                }
            } else if (kv[0].equals("v1")) v1 = kv[1];
        }
        if (t < 0 || v1 == null) throw new TravelExceptions.BadWebhook("the " + SIGNATURE + " header must be t=<seconds>,v1=<signature>");
        if (!TravelKeys.same(v1, TravelKeys.hmac(keys.webhookKey(), t + "." + body))) {
            throw new TravelExceptions.BadWebhook("the webhook signature does not verify");
        }
        if (Math.abs(clock.instant().getEpochSecond() - t) > TOLERANCE_SECONDS) {
            throw new TravelExceptions.BadWebhook("the webhook is older than " + TOLERANCE_SECONDS + " seconds (or from the future)");
        }
        try {
            return json.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new TravelExceptions.BadWebhook("the webhook body is not a JSON object");
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
