package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.DeclarationView;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.travel.OrderPaymentSink;
import org.smartcustoms.server.travel.PaymentProvider;
import org.smartcustoms.server.travel.TravelService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cashless payment of trade declarations: the declarant pays a payment order (the assessed duty and taxes, or
 * additional duty after control) by card through the one {@link PaymentProvider}; the charge becomes PAID only
 * through the provider's signed webhook, verified by {@link TravelService#webhook} (same signature check, same
 * replay table as travellers'). Customs register guarantees; a declaration waiting for payment or guarantee (see
 * {@link PaymentReleaseCondition}) is released through the lifecycle gate as soon as it is covered. Also the ledger
 * of every payment and its reconciliation against the provider's settlement report.
 */
@Service
public class DeclarationPayments implements OrderPaymentSink {
    static final String PREFIX = "POP";
    private static final char[] ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final OrderPaymentStore store;
    private final PaymentOrderStore orders;
    private final DeclarationStore declarations;
    private final DeclarationIntake intake;
    private final PaymentProvider provider;
    private final TravelService travel;
    private final PaymentReleaseCondition condition;
    private final PaymentRelease release;
    private final AuditTrail audit;
    private final PaymentRefunds refunds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DeclarationPayments(OrderPaymentStore store, PaymentOrderStore orders, DeclarationStore declarations, DeclarationIntake intake,
                        PaymentProvider provider, TravelService travel, PaymentReleaseCondition condition, PaymentRelease release, AuditTrail audit, Clock clock,
                        PaymentRefunds refunds) {
        this.refunds = refunds;
        this.release = release;
        this.store = store;
        this.orders = orders;
        this.declarations = declarations;
        this.intake = intake;
        this.provider = provider;
        this.travel = travel;
        this.condition = condition;
        this.audit = audit;
        this.clock = clock;
    }

    /** A payment of a payment order, as the declarant and customs see it (a receipt once paid). */
    public record ChargeView(String id, String orderReference, String declarationId, BigDecimal amount, String currency, String status,
                             String provider, String providerRef, String cardLast4, Instant paidAt, String receipt,
                             BigDecimal refunded) { }

    static ChargeView view(OrderPaymentStore.Charge c) {
        String receipt = c.status().equals("PAID") ? "Receipt " + c.id() + ": " + c.amount().toPlainString() + " " + c.currency()
                + " paid by card ending " + c.cardLast4() + " (" + c.provider() + " " + c.providerRef() + ") for payment order "
                + c.orderReference() + " of declaration " + c.declarationId() : null;
        return new ChargeView(c.id(), c.orderReference(), c.declarationId(), c.amount(), c.currency(), c.status(), c.provider(),
                c.providerRef(), c.cardLast4(), c.paidAt(), receipt, c.refunded());
    }

    /** What the declaration page shows: orders with what is left to pay, payments, guarantees, and whether release waits. */
    public record PaymentSummary(String declarationId, List<OrderLine> orders, List<ChargeView> payments,
                                 List<GuaranteeView> guarantees, String releaseWaits, List<PaymentRefunds.RefundView> refunds) { }

    public record OrderLine(String reference, String kind, BigDecimal amount, String currency, BigDecimal paid, BigDecimal outstanding,
                            LocalDate dueDate) { }

    public record GuaranteeView(String reference, BigDecimal amount, String currency, Instant registeredAt) { }

    private StoredDeclaration visible(String id, UserAccount user) {
        return declarations.find(id).filter(d -> DeclarationView.mayView(d, user)).orElseThrow(() -> new DeclarationNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public PaymentSummary summary(String id, UserAccount user) {
        StoredDeclaration d = visible(id, user);
        List<OrderPaymentStore.Charge> charges = store.charges(d.id());
        List<OrderLine> lines = new ArrayList<>();
        for (PaymentOrder o : orders.forDeclaration(d.id())) lines.add(line(o, charges));
        // the assessed duty not yet ordered: shown as payable (the order is issued when the declarant pays)
        if (lines.stream().noneMatch(l -> l.kind().equals(PaymentOrder.Kind.ASSESSED_DUTY.name())) && payable(d)) {
            BigDecimal due = payableAmount(d);
            lines.add(0, new OrderLine(null, PaymentOrder.Kind.ASSESSED_DUTY.name(), due, d.assessment().currency(), BigDecimal.ZERO, due, null));
        }
        return new PaymentSummary(d.id(), lines, charges.stream().map(DeclarationPayments::view).toList(),
                store.guarantees(d.id()).stream().map(g -> new GuaranteeView(g.reference(), g.amount(), g.currency(), g.registeredAt())).toList(),
                d.status() == DeclarationStatus.RELEASED || d.status() == DeclarationStatus.CLEARED ? null : condition.unmet(d).orElse(null),
                refunds.ofDeclaration(d.id(), user));
    }

    private static OrderLine line(PaymentOrder o, List<OrderPaymentStore.Charge> charges) {
        BigDecimal paid = charges.stream().filter(c -> c.orderReference().equals(o.reference()) && c.status().equals("PAID"))
                .map(OrderPaymentStore.Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal outstanding = o.amount().subtract(paid).max(BigDecimal.ZERO);
        return new OrderLine(o.reference(), o.kind().name(), o.amount(), o.currency(), paid, outstanding, o.dueDate());
    }

    /** The assessed duty and taxes as the provider can take them: rounded to the currency's minor unit (whole yen). */
    private static BigDecimal payableAmount(StoredDeclaration d) {
        String currency = d.assessment().currency();
        return MinorUnits.amount(MinorUnits.of(PaymentReleaseCondition.due(d), currency), currency);
    }

    private static boolean payable(StoredDeclaration d) {
        return PaymentReleaseCondition.due(d).signum() > 0 && d.status() != DeclarationStatus.CANCELLED
                && d.status() != DeclarationStatus.REJECTED;
    }

    /**
     * The declarant pays by card: the named order, else the first with something left to pay, else the assessed duty
     * (its order is issued now). The same Idempotency-Key answers the same payment, never a second charge.
     */
    @Transactional
    public ChargeView pay(String id, UserAccount user, String idempotencyKey, String cardToken, String orderReference) {
        StoredDeclaration d = visible(id, user);
        if (!user.isTrader()) throw new AccessDeniedException("only the declarant or importer pays its declaration");
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9_.:-]{8,100}")) {
            throw new IllegalArgumentException("an Idempotency-Key header of 8 to 100 letters, digits or _ . : - is required");
        }
        var earlier = store.chargeByKey(d.id(), idempotencyKey);
        if (earlier.isPresent()) return view(earlier.get());
        if (d.status() == DeclarationStatus.CANCELLED || d.status() == DeclarationStatus.REJECTED) {
            throw new DeclarationStateException("Declaration " + d.id() + " is " + d.status() + "; there is nothing to pay");
        }
        List<OrderPaymentStore.Charge> charges = store.charges(d.id());
        if (charges.stream().anyMatch(c -> c.status().equals("PENDING"))) {
            throw new DeclarationStateException("A payment of declaration " + d.id() + " is still pending at the provider; try again shortly");
        }
        List<PaymentOrder> existing = orders.forDeclaration(d.id());
        PaymentOrder order = null;
        BigDecimal outstanding = BigDecimal.ZERO;
        for (PaymentOrder o : existing) {
            if (orderReference != null && !orderReference.equals(o.reference())) continue;
            BigDecimal left = line(o, charges).outstanding();
            if (left.signum() > 0) {
                order = o;
                outstanding = left;
                break;
            }
        }
        if (order == null && orderReference != null) {
            throw new DeclarationStateException("Payment order " + orderReference + " of declaration " + d.id() + " is unknown or fully paid");
        }
        if (order == null && payable(d) && existing.stream().noneMatch(o -> o.kind() == PaymentOrder.Kind.ASSESSED_DUTY)) {
            BigDecimal due = payableAmount(d);
            order = new PaymentOrder("PO-" + d.id() + "-" + (existing.size() + 1), d.id(), PaymentOrder.Kind.ASSESSED_DUTY, due,
                    d.assessment().currency(), due, due, LocalDate.now(clock).plusDays(PaymentOrders.PAYMENT_DAYS), clock.instant());
            orders.insert(order);
            outstanding = due;
        }
        if (order == null) throw new DeclarationStateException("Nothing is left to pay on declaration " + d.id());
        String paymentId = PREFIX + randomId();
        PaymentProvider.Charge c = provider.charge(paymentId, MinorUnits.of(outstanding, order.currency()), order.currency(), cardToken,
                idempotencyKey);
        if (!c.approved()) throw new PaymentDeclinedException("The payment was not made: " + c.declineReason() + ". Nothing was charged.");
        store.insert(new OrderPaymentStore.Charge(paymentId, order.reference(), d.id(), idempotencyKey, outstanding, order.currency(),
                "PENDING", provider.name(), c.providerRef(), c.cardLast4(), user.username(), clock.instant(), null, BigDecimal.ZERO));
        // the simulated provider delivers its webhook at once, through the same verification as the HTTP endpoint
        if (c.webhook() != null) travel.webhook(c.webhook().headers(), c.webhook().body());
        return view(store.charge(paymentId).orElseThrow());
    }

    private String randomId() {
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) sb.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        return sb.toString();
    }

    // ---- the provider's webhook (verified and de-duplicated by TravelService)

    @Override
    public boolean handles(String paymentId) {
        return paymentId.startsWith(PREFIX);
    }

    @Override
    public String mismatch(String paymentId, long amountMinor, String currency) {
        var c = store.charge(paymentId);
        if (c.isEmpty()) return "the event names an unknown payment";
        if (!c.get().currency().equals(currency) || MinorUnits.of(c.get().amount(), currency) != amountMinor) {
            return "the event's amount or currency differs from the payment";
        }
        return null;
    }

    @Override
    public TravelService.PaymentView paid(String paymentId, String providerRef, Instant at) {
        if (!store.markPaid(paymentId, providerRef, at)) return null;
        OrderPaymentStore.Charge c = store.charge(paymentId).orElseThrow();
        audit.record(AuditTrail.SYSTEM, AuditAction.ORDER_PAYMENT_RECEIVED, AuditSubject.PAYMENT, paymentId,
                c.amount().toPlainString() + " " + c.currency() + " for payment order " + c.orderReference(), null);
        releaseIfCovered(c.declarationId(), "duty and taxes paid (payment " + paymentId + ")");
        return new TravelService.PaymentView(c.id(), c.declarationId(), MinorUnits.of(c.amount(), c.currency()), c.currency(), c.status(),
                c.provider(), c.providerRef(), c.cardLast4(), c.paidAt(), 0, view(c).receipt());
    }

    /**
     * A green-channel declaration waiting for payment or guarantee is released once covered, through the lifecycle
     * gate, after this transaction commits and in one of its own ({@link PaymentRelease}): the payment or guarantee is
     * recorded whatever becomes of the release.
     */
    private void releaseIfCovered(String declarationId, String reason) {
        release.afterCommit(declarationId, reason);
    }

    // ---- guarantees

    @Transactional
    public PaymentSummary guarantee(String id, UserAccount officer, String reference, BigDecimal amount, String currency) {
        StoredDeclaration d = visible(id, officer);
        if (reference == null || !reference.strip().matches("[A-Za-z0-9/_.-]{3,40}")) {
            throw new IllegalArgumentException("reference: 3 to 40 letters, digits or / _ . - (the guarantee's number)");
        }
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 18) {
            throw new IllegalArgumentException("amount: a positive amount with at most 2 decimals");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency: an ISO 4217 code, e.g. USD");
        if (d.status() == DeclarationStatus.CANCELLED || d.status() == DeclarationStatus.REJECTED) {
            throw new DeclarationStateException("Declaration " + d.id() + " is " + d.status() + "; no guarantee can be registered");
        }
        store.insert(new OrderPaymentStore.Guarantee(d.id(), reference.strip(), amount, currency, officer.username(), clock.instant()));
        audit.record(officer.username(), AuditAction.GUARANTEE_REGISTERED, AuditSubject.DECLARATION, d.id(),
                "guarantee " + reference.strip() + " of " + amount.toPlainString() + " " + currency, null);
        releaseIfCovered(d.id(), "duty and taxes covered by guarantee " + reference.strip());
        return summary(d.id(), officer);
    }

    // ---- ledger and reconciliation

    public record Ledger(List<OrderPaymentStore.LedgerLine> lines, Map<String, BigDecimal> dueByCurrency, Map<String, BigDecimal> paidByCurrency,
                         Map<String, BigDecimal> refundedByCurrency) { }

    @Transactional(readOnly = true)
    public Ledger ledger(int limit) {
        List<OrderPaymentStore.LedgerLine> lines = store.ledger(limit);
        Map<String, BigDecimal> due = new HashMap<>(), paid = new HashMap<>(), refunded = new HashMap<>();
        for (var l : lines) {
            due.merge(l.currency(), l.due(), BigDecimal::add);
            paid.merge(l.currency(), l.paid(), BigDecimal::add);
            refunded.merge(l.currency(), l.refunded(), BigDecimal::add);
        }
        return new Ledger(lines, due, paid, refunded);
    }

    /** One difference between the ledger and the provider's report. */
    public record Mismatch(String paymentId, String kind, String reference, String problem, Long ledgerAmount, Long providerAmount,
                           String currency, String ledgerStatus) { }

    public record Reconciliation(String provider, Instant at, int providerSettlements, int ledgerPayments, int matched,
                                 List<Mismatch> mismatches) { }

    /** Compares every settlement in the provider's report with the ledger's payments, and every PAID payment with the report. */
    @Transactional(readOnly = true)
    public Reconciliation reconcile(int limit) {
        List<PaymentProvider.Settlement> report = provider.settlements();
        Map<String, OrderPaymentStore.LedgerPayment> ledger = new HashMap<>();
        for (var p : store.payments(limit)) ledger.put(p.paymentId(), p);
        Map<String, PaymentProvider.Settlement> settled = new HashMap<>();
        List<Mismatch> out = new ArrayList<>();
        int matched = 0;
        for (var s : report) {
            settled.put(s.paymentId(), s);
            var p = ledger.get(s.paymentId());
            if (p == null) {
                out.add(new Mismatch(s.paymentId(), null, null, "SETTLED_NOT_IN_LEDGER", null, s.amount(), s.currency(), null));
            } else if (!p.status().equals("PAID")) {
                out.add(new Mismatch(s.paymentId(), p.kind(), p.reference(), "SETTLED_NOT_RECORDED_AS_PAID", p.amountMinor(), s.amount(),
                        s.currency(), p.status()));
            } else if (p.amountMinor() != s.amount() || !p.currency().equals(s.currency())) {
                out.add(new Mismatch(s.paymentId(), p.kind(), p.reference(), "AMOUNT_DIFFERS", p.amountMinor(), s.amount(), s.currency(),
                        p.status()));
            } else {
                matched++;
            }
        }
        for (var p : ledger.values()) {
            if (p.status().equals("PAID") && provider.name().equals(p.provider()) && !settled.containsKey(p.paymentId())) {
                out.add(new Mismatch(p.paymentId(), p.kind(), p.reference(), "PAID_NOT_IN_PROVIDER_REPORT", p.amountMinor(), null,
                        p.currency(), p.status()));
            }
        }
        return new Reconciliation(provider.name(), clock.instant(), report.size(), ledger.size(), matched, out);
    }

    public List<PaymentProvider.Settlement> settlements() {
        return provider.settlements();
    }
}
