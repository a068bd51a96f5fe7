package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.travel.PaymentProvider;
import org.smartcustoms.server.travel.RefundRules;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds of payments of trade declarations' payment orders, as for travellers' payments ({@link RefundRules}): an
 * officer or auditor asks for a refund of (part of) a PAID payment with a reason, in the payment's currency and at
 * most what is left of it; another customs user (administrator or auditor, never the one who asked) approves or
 * rejects it. On approval the provider makes the refund (idempotency key {@code refund-<id>}, so a retry never
 * refunds twice) and the ledger counts it as refunded. Every step is audited.
 */
@Service
public class PaymentRefunds {
    private final OrderPaymentStore store;
    private final PaymentProvider provider;
    private final AuditTrail audit;
    private final Clock clock;

    PaymentRefunds(OrderPaymentStore store, PaymentProvider provider, AuditTrail audit, Clock clock) {
        this.store = store;
        this.provider = provider;
        this.audit = audit;
        this.clock = clock;
    }

    /** A refund as shown: customs see who asked and who decided; the declarant sees the refund without their names. */
    public record RefundView(long id, String paymentId, BigDecimal amount, String currency, String reason, RefundStatus status,
                             String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String providerRef) { }

    static RefundView view(OrderPaymentStore.Refund r, UserAccount viewer) {
        boolean names = viewer.isCustoms();
        return new RefundView(r.id(), r.paymentId(), r.amount(), r.currency(), r.reason(), r.status(), names ? r.requestedBy() : null,
                r.requestedAt(), names ? r.decidedBy() : null, r.decidedAt(), r.providerRef());
    }

    /** The refunds of a declaration's payments (the caller has checked that the viewer may see the declaration). */
    List<RefundView> ofDeclaration(String declarationId, UserAccount viewer) {
        return store.refunds(declarationId).stream().map(r -> view(r, viewer)).toList();
    }

    /** Customs: the refunds in a status (e.g. REQUESTED: those waiting for a decision), oldest first. */
    @Transactional(readOnly = true)
    public List<RefundView> inStatus(RefundStatus status, int limit, UserAccount user) {
        if (!user.isCustoms()) throw new AccessDeniedException("customs staff only");
        return store.refunds(status, limit).stream().map(r -> view(r, user)).toList();
    }

    @Transactional
    public RefundView request(String paymentId, UserAccount user, BigDecimal amount, String currency, String reason) {
        if (user.role() != Role.OFFICER && user.role() != Role.AUDITOR) {
            throw new AccessDeniedException("only an officer or an auditor asks for a refund");
        }
        OrderPaymentStore.Charge c = store.chargeForUpdate(paymentId == null ? "" : paymentId)
                .orElseThrow(() -> new PaymentNotFoundException("No payment " + paymentId));
        if (!c.status().equals("PAID")) {
            throw new DeclarationStateException("Payment " + c.id() + " is " + c.status() + "; only a paid payment can be refunded");
        }
        String why = RefundRules.reason(reason);
        if (currency == null || !currency.equals(c.currency())) {
            throw new IllegalArgumentException("currency: a refund is made in the payment's currency (" + c.currency() + ")");
        }
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > MinorUnits.digits(currency)) {
            throw new IllegalArgumentException("amount: a positive amount with at most " + MinorUnits.digits(currency) + " decimals");
        }
        long open = store.refundsOfPayment(c.id()).stream().filter(r -> r.status().open())
                .mapToLong(r -> MinorUnits.of(r.amount(), r.currency())).sum();
        long paid = MinorUnits.of(c.amount(), currency);
        // more than the payment (however large) is refused by the shared rule without converting a huge amount
        long minor = amount.compareTo(c.amount()) > 0 ? paid + 1 : MinorUnits.of(amount, currency);
        RefundRules.amount(minor, paid, open);
        long id = store.insert(new OrderPaymentStore.Refund(0, c.id(), amount, currency, why, RefundStatus.REQUESTED, user.username(),
                clock.instant(), null, null, null));
        audit.record(user.username(), AuditAction.ORDER_REFUND_REQUESTED, AuditSubject.PAYMENT, c.id(),
                "refund " + id + " of " + amount.toPlainString() + " " + currency + " asked for: " + why, null);
        return view(store.refund(id).orElseThrow(), user);
    }

    @Transactional
    public RefundView decide(long refundId, boolean approve, UserAccount user) {
        if (user.role() != Role.ADMIN && user.role() != Role.AUDITOR) {
            throw new AccessDeniedException("only an administrator or an auditor decides a refund");
        }
        OrderPaymentStore.Refund r = store.refundForUpdate(refundId).orElseThrow(() -> new PaymentNotFoundException("No refund " + refundId));
        if (!RefundRules.mayDecide(r.requestedBy(), user.username())) {
            throw new DeclarationStateException("Refund " + refundId + ": the person who asked for a refund may not decide it (four eyes); "
                    + "another administrator or auditor must");
        }
        if (r.status() != RefundStatus.REQUESTED) {
            throw new DeclarationStateException("Refund " + refundId + " was already decided (" + r.status() + "); nothing was changed");
        }
        String providerRef = null;
        if (approve) {
            PaymentProvider.Refund made = provider.refund(r.paymentId(), MinorUnits.of(r.amount(), r.currency()), r.currency(),
                    "refund-" + r.id());
            if (!made.made()) {
                throw new DeclarationStateException("The provider did not make refund " + refundId + ": " + made.declineReason()
                        + "; nothing was recorded");
            }
            providerRef = made.refundRef();
        }
        RefundStatus to = approve ? RefundStatus.APPROVED : RefundStatus.REJECTED;
        if (!store.decide(refundId, to, user.username(), clock.instant(), providerRef)) {
            throw new DeclarationStateException("Refund " + refundId + " was already decided; nothing was changed");
        }
        audit.record(user.username(), AuditAction.ORDER_REFUND_DECIDED, AuditSubject.PAYMENT, r.paymentId(),
                "refund " + refundId + " of " + r.amount().toPlainString() + " " + r.currency() + " " + to.name().toLowerCase(java.util.Locale.ROOT)
                        + (providerRef == null ? "" : " (provider " + provider.name() + " " + providerRef + ")"), null);
        return view(store.refund(refundId).orElseThrow(), user);
    }
}
