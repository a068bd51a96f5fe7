package org.smartcustoms.server.travel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.travel.TravelRecords.Payment;
import org.smartcustoms.server.travel.TravelRecords.Refund;
import org.smartcustoms.server.travel.TravelRecords.StoredDeclaration;
import org.smartcustoms.travel.Answers;
import org.smartcustoms.travel.CarriedItem;
import org.smartcustoms.travel.DutyAssessment;
import org.smartcustoms.travel.Flights;
import org.smartcustoms.travel.Mrz;
import org.smartcustoms.travel.Passport;
import org.smartcustoms.travel.QrClaims;
import org.smartcustoms.travel.TravelDuty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Travellers' declarations: filed without an account (the answer carries a capability token that alone gives
 * access to the record), assessed against the allowance table, paid through the {@link PaymentProvider} and turned
 * into a signed single-use QR code once nothing is left to pay.
 */
@Service
public class TravelService {
    static final int MAX_ITEMS = 50;
    static final int MAX_FAMILY = 10;
    private final TravelStore store;
    private final TravelKeys keys;
    private final TravelSettings settings;
    private final PaymentProvider provider;
    private final Clock clock;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final org.springframework.beans.factory.ObjectProvider<OrderPaymentSink> orderSink;

    TravelService(TravelStore store, TravelKeys keys, TravelSettings settings, PaymentProvider provider, Clock clock,
                  ObjectMapper json, AuditTrail audit, org.springframework.beans.factory.ObjectProvider<OrderPaymentSink> orderSink) {
        this.orderSink = orderSink;
        this.store = store;
        this.keys = keys;
        this.settings = settings;
        this.provider = provider;
        this.clock = clock;
        this.json = json;
        this.audit = audit;
    }

    /** Passport data typed in; {@code mrz} instead when read from the passport. */
    public record PassportInput(String mrz, String documentNumber, String issuingState, String surname, String givenNames,
                                String nationality, LocalDate birthDate, String sex, LocalDate expiryDate) { }

    public record FamilyMember(String surname, String givenNames, LocalDate birthDate) { }

    public record DeclarationRequest(PassportInput passport, String flight, LocalDate arrivalDate, List<FamilyMember> family,
                                     Answers answers, List<CarriedItem> items) { }

    public record Qr(String payload, String pngUrl, Instant validFrom, Instant validUntil) { }

    /** What the traveller sees of the declaration (and, only at creation, the access token). */
    public record TravellerView(String id, String accessToken, String flight, LocalDate arrivalDate, String traveller,
                                String status, Map<String, Object> allowance, DutyAssessment duty, long dutyDue, long paid,
                                long refunded, String currency, boolean paymentRequired, Qr qr, String message) { }

    @Transactional
    public TravellerView declare(DeclarationRequest r) {
        if (r == null || r.passport() == null) throw new IllegalArgumentException("passport is required");
        LocalDate today = LocalDate.now(clock.withZone(settings.zone));
        Passport p = passport(r.passport(), today);
        if (p.expiryDate() != null && p.expiryDate().isBefore(today)) throw new IllegalArgumentException("the passport has expired");
        String flight = Flights.normalise(r.flight());
        if (r.arrivalDate() == null) throw new IllegalArgumentException("arrivalDate is required (yyyy-mm-dd)");
        if (r.arrivalDate().isBefore(today.minusDays(1)) || r.arrivalDate().isAfter(today.plusDays(settings.validHoursBefore / 24))) {
            throw new IllegalArgumentException("declare between " + settings.validHoursBefore + " hours before arrival and the day after: arrival must be from "
                    + today.minusDays(1) + " to " + today.plusDays(settings.validHoursBefore / 24));
        }
        List<CarriedItem> items = r.items() == null ? List.of() : r.items();
        if (items.size() > MAX_ITEMS) throw new IllegalArgumentException("at most " + MAX_ITEMS + " item lines");
        if (items.stream().anyMatch(java.util.Objects::isNull)) throw new IllegalArgumentException("an item line is empty");
        List<FamilyMember> family = r.family() == null ? List.of() : r.family();
        if (family.size() > MAX_FAMILY) throw new IllegalArgumentException("at most " + MAX_FAMILY + " family members");
        for (FamilyMember f : family) {
            if (f == null || f.surname() == null || f.surname().isBlank() || f.birthDate() == null
                    || f.surname().length() > 80 || (f.givenNames() != null && f.givenNames().length() > 80)) {
                throw new IllegalArgumentException("each family member needs a surname (at most 80 characters) and a birth date");
            }
        }
        Answers answers = r.answers() == null ? Answers.none() : r.answers();
        boolean adult = Period.between(p.birthDate(), r.arrivalDate()).getYears() >= settings.allowances.adultAge();
        DutyAssessment duty = new TravelDuty(settings.allowances).assess(items, adult);
        String id = "T" + TravelKeys.random(12).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String access = TravelKeys.random(24);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuingState", p.issuingState());
        details.put("sex", p.sex());
        details.put("passportExpiry", p.expiryDate() == null ? null : p.expiryDate().toString());
        details.put("family", family);
        details.put("answers", answers);
        details.put("items", items);
        details.put("duty", duty);
        StoredDeclaration d = new StoredDeclaration(id, TravelKeys.sha256(access), keys.passportHash(p.documentNumber()),
                p.surname(), p.givenNames(), p.birthDate(), p.nationality(), flight, r.arrivalDate(), write(details),
                duty.total(), 0, 0, duty.currency(), "DECLARED", null, false, clock.instant());
        store.insert(d);
        return view(d, access);
    }

    private static Passport passport(PassportInput in, LocalDate today) {
        if (in.mrz() != null && !in.mrz().isBlank()) return Mrz.parse(in.mrz(), today);
        return new Passport(in.documentNumber(), in.issuingState(), in.surname(), in.givenNames(), in.nationality(),
                in.birthDate(), in.sex(), in.expiryDate());
    }

    /** The declaration for the holder of its access token (404 otherwise, whether it exists or not). */
    public TravellerView get(String id, String accessToken) {
        return view(owned(id, accessToken), null);
    }

    StoredDeclaration owned(String id, String accessToken) {
        if (id == null || id.length() > 40 || accessToken == null || accessToken.length() > 100) {
            throw new TravelExceptions.NotFound("no such traveller declaration");
        }
        StoredDeclaration d = store.declaration(id).orElseThrow(() -> new TravelExceptions.NotFound("no such traveller declaration"));
        if (!TravelKeys.same(d.accessHash(), TravelKeys.sha256(accessToken))) throw new TravelExceptions.NotFound("no such traveller declaration");
        return d;
    }

    /** The signed QR payload, or null while duty is unpaid. */
    String qrPayload(StoredDeclaration d) {
        if (d.unpaid() > 0) return null;
        Instant from = d.arrivalDate().atStartOfDay(settings.zone).toInstant().minus(Duration.ofHours(settings.validHoursBefore));
        Instant until = d.arrivalDate().plusDays(2).atStartOfDay(settings.zone).toInstant();
        return keys.tokens().issue(new QrClaims(d.id(), d.passportHash(), d.flight(), from, until));
    }

    private TravellerView view(StoredDeclaration d, String accessToken) {
        DutyAssessment duty = read(d.details()).duty;
        String payload = qrPayload(d);
        Qr qr = null;
        if (payload != null) {
            var c = keys.tokens().verify(payload, d.arrivalDate().atStartOfDay(settings.zone).toInstant());
            qr = new Qr(payload, "/api/v1/travellers/declarations/" + d.id() + "/qr.png",
                    c.ok() ? c.claims().notBefore() : null, c.ok() ? c.claims().expiresAt() : null);
        }
        Map<String, Object> allowance = new LinkedHashMap<>();
        var t = settings.allowances;
        allowance.put("alcoholBottles", t.alcoholBottles());
        allowance.put("bottleMillilitres", t.bottleMillilitres());
        allowance.put("cigarettes", t.cigarettes());
        allowance.put("perfumeOunces", t.perfumeOunces());
        allowance.put("otherGoodsValue", t.otherGoodsValue());
        allowance.put("adultAge", t.adultAge());
        String message = d.unpaid() > 0 ? "Please pay " + d.unpaid() + " " + d.currency() + " to receive your QR code."
                : "Show this QR code at the electronic gate together with your passport.";
        return new TravellerView(d.id(), accessToken, d.flight(), d.arrivalDate(), d.givenNames() + " " + d.surname(), d.status(),
                allowance, duty, d.dutyDue(), d.paid(), d.refunded(), d.currency(), d.unpaid() > 0, qr, message);
    }

    /** The stored details of a declaration. */
    static final class Details {
        public String issuingState;
        public String sex;
        public String passportExpiry;
        public List<FamilyMember> family;
        public Answers answers;
        public List<CarriedItem> items;
        public DutyAssessment duty;
    }

    Details read(String details) {
        try {
            return json.readerFor(Details.class).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(details);
        } catch (IOException e) {
            throw new IllegalStateException("stored traveller declaration cannot be read", e);
        }
    }

    String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- payments

    public record PaymentView(String id, String declarationId, long amount, String currency, String status, String provider,
                              String providerRef, String cardLast4, Instant paidAt, long refunded, String receipt) { }

    static PaymentView view(Payment p) {
        String receipt = p.status().equals("PAID") ? "Receipt " + p.id() + ": " + p.amount() + " " + p.currency()
                + " paid by card ending " + p.cardLast4() + " (" + p.provider() + " " + p.providerRef() + ") for traveller declaration "
                + p.declarationId() : null;
        return new PaymentView(p.id(), p.declarationId(), p.amount(), p.currency(), p.status(), p.provider(), p.providerRef(),
                p.cardLast4(), p.paidAt(), p.refunded(), receipt);
    }

    /**
     * Charges the unpaid duty to a card token. The same idempotency key answers the same payment (no second charge);
     * the payment becomes PAID only through the provider's signed webhook.
     */
    @Transactional
    public PaymentView pay(String id, String accessToken, String idempotencyKey, String cardToken) {
        StoredDeclaration d = owned(id, accessToken);
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9_.:-]{8,100}")) {
            throw new IllegalArgumentException("an Idempotency-Key header of 8 to 100 letters, digits or _ . : - is required");
        }
        var earlier = store.paymentByKey(d.id(), idempotencyKey);
        if (earlier.isPresent()) return view(earlier.get());
        long due = d.unpaid();
        if (due <= 0) throw new TravelExceptions.Conflict("nothing is left to pay on this declaration");
        String paymentId = "PAY" + TravelKeys.random(12).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        PaymentProvider.Charge c = provider.charge(paymentId, due, d.currency(), cardToken, idempotencyKey);
        if (!c.approved()) throw new TravelExceptions.Declined("The payment was not made: " + c.declineReason() + ". Nothing was charged.");
        store.insert(new Payment(paymentId, d.id(), idempotencyKey, due, d.currency(), "PENDING", provider.name(), c.providerRef(),
                c.cardLast4(), clock.instant(), null, 0));
        // the simulated provider delivers its webhook at once, through the same verification as the HTTP endpoint
        if (c.webhook() != null) webhook(c.webhook().headers(), c.webhook().body());
        return view(store.payment(paymentId).orElseThrow());
    }

    /** A provider webhook: signature and freshness verified, event id used once, amount checked; else nothing is recorded. */
    @Transactional
    public PaymentView webhook(Map<String, String> headers, String body) {
        Map<String, Object> event = provider.verify(headers, body);
        Object eventId = event.get("id");
        Object paymentId = event.get("paymentId");
        if (!(eventId instanceof String eid) || eid.length() > 80 || !(paymentId instanceof String pid) || pid.length() > 40) {
            throw new TravelExceptions.BadWebhook("the event needs an id and a paymentId");
        }
        if (!"payment.succeeded".equals(event.get("type"))) throw new TravelExceptions.BadWebhook("unsupported event type");
        OrderPaymentSink orders = orderSink.getIfAvailable();
        if (orders != null && orders.handles(pid)) {
            // a trader's payment order: same provider, same verification, same replay table
            String mismatch = orders.mismatch(pid, event.get("amount") instanceof Number n ? n.longValue() : -1, String.valueOf(event.get("currency")));
            if (mismatch != null) throw new TravelExceptions.BadWebhook(mismatch);
            if (!store.recordWebhookEvent(eid, pid, "payment.succeeded", clock.instant())) {
                throw new TravelExceptions.Conflict("this webhook event was already received (replay); nothing was recorded");
            }
            PaymentView paid = orders.paid(pid, String.valueOf(event.get("providerRef")), clock.instant());
            if (paid == null) throw new TravelExceptions.Conflict("the payment is not pending; nothing was recorded");
            return paid;
        }
        Payment p = store.payment(pid).orElseThrow(() -> new TravelExceptions.BadWebhook("the event names an unknown payment"));
        if (!(event.get("amount") instanceof Number n) || n.longValue() != p.amount() || !p.currency().equals(event.get("currency"))) {
            throw new TravelExceptions.BadWebhook("the event's amount or currency differs from the payment");
        }
        if (!store.recordWebhookEvent(eid, pid, "payment.succeeded", clock.instant())) {
            throw new TravelExceptions.Conflict("this webhook event was already received (replay); nothing was recorded");
        }
        if (!store.markPaid(pid, String.valueOf(event.get("providerRef")), clock.instant())) {
            throw new TravelExceptions.Conflict("the payment is not pending; nothing was recorded");
        }
        return view(store.payment(pid).orElseThrow());
    }

    public List<PaymentView> payments(String id, String accessToken) {
        return store.payments(owned(id, accessToken).id()).stream().map(TravelService::view).toList();
    }

    /** An officer asks for a refund of (part of) a payment; it takes effect only when another person approves it. */
    @Transactional
    public Refund requestRefund(String paymentId, long amount, String reason, String actor) {
        Payment p = store.payment(paymentId).orElseThrow(() -> new TravelExceptions.NotFound("no such payment"));
        if (!p.status().equals("PAID")) throw new TravelExceptions.Conflict("only a paid payment can be refunded");
        RefundRules.reason(reason);
        long open = store.refunds(paymentId).stream().filter(r -> !r.status().equals("REJECTED")).mapToLong(Refund::amount).sum();
        RefundRules.amount(amount, p.amount(), open);
        store.insert(new Refund(0, paymentId, amount, reason.strip(), "REQUESTED", actor, clock.instant(), null, null));
        Refund r = store.refunds(paymentId).get(store.refunds(paymentId).size() - 1);
        audit.record(actor, AuditAction.TRAVEL_REFUND_REQUESTED, AuditSubject.PAYMENT, paymentId, reason.strip(),
                write(Map.of("refund", r.id(), "amount", amount)));
        return r;
    }

    /** Approves or rejects a refund; the person who asked may not decide (four eyes). */
    @Transactional
    public Refund decideRefund(long refundId, boolean approve, String actor) {
        Refund r = store.refund(refundId).orElseThrow(() -> new TravelExceptions.NotFound("no such refund"));
        if (!RefundRules.mayDecide(r.requestedBy(), actor)) throw new TravelExceptions.Conflict("the person who asked for a refund may not decide it");
        // the decision first: it locks the refund, so a concurrent decision waits and then finds it decided
        if (!store.decideRefund(refundId, approve, actor, clock.instant())) throw new TravelExceptions.Conflict("the refund was already decided");
        String providerRef = null;
        if (approve) {
            // then the money back through the provider (idempotent per refund); a decline rolls the decision back
            Payment payment = store.payment(r.paymentId()).orElseThrow(() -> new TravelExceptions.NotFound("no such payment"));
            PaymentProvider.Refund made = provider.refund(r.paymentId(), r.amount(), payment.currency(), "travel-refund-" + refundId);
            if (!made.made()) {
                throw new TravelExceptions.Conflict("the payment provider did not make the refund: " + made.declineReason() + "; nothing was recorded");
            }
            providerRef = made.refundRef();
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("refund", refundId);
        details.put("amount", r.amount());
        if (providerRef != null) details.put("providerRef", providerRef);
        audit.record(actor, AuditAction.TRAVEL_REFUND_DECIDED, AuditSubject.PAYMENT, r.paymentId(), approve ? "approved" : "rejected",
                write(details));
        return store.refund(refundId).orElseThrow();
    }

    /** Deletes the records of travellers with no hit older than the retention period; audited. */
    @Transactional
    public Map<String, Integer> purge(String actor) {
        Instant before = clock.instant().minus(Duration.ofDays(settings.retentionDays));
        LocalDate day = LocalDate.ofInstant(before, settings.zone);
        Map<String, Integer> n = store.purge(before, day);
        audit.record(actor, AuditAction.TRAVEL_PURGED, AuditSubject.TRAVELLER, "retention", "records without a hit older than "
                + settings.retentionDays + " days", write(n));
        return n;
    }

    @Transactional
    public String rotateKey(String actor) {
        String kid = keys.rotate();
        audit.record(actor, AuditAction.TRAVEL_KEY_ROTATED, AuditSubject.TRAVELLER, kid, "QR signing key rotated", "{}");
        return kid;
    }

    byte[] qrPng(String id, String accessToken) {
        String payload = qrPayload(owned(id, accessToken));
        if (payload == null) throw new TravelExceptions.Conflict("the QR code is issued once the duty is paid");
        return org.smartcustoms.travel.QrImages.png(payload, 360);
    }
}
