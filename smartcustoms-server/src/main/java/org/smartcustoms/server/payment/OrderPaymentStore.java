package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of the payments of payment orders, of guarantees, and the ledger's view of every payment (orders and travellers). */
interface OrderPaymentStore {
    /** A charge of a payment order through the provider: PENDING until the provider's signed webhook, then PAID. */
    record Charge(String id, String orderReference, String declarationId, String idempotencyKey, BigDecimal amount, String currency,
                  String status, String provider, String providerRef, String cardLast4, String paidBy, Instant createdAt,
                  Instant paidAt, BigDecimal refunded) { }

    /** A guarantee registered by customs for a declaration (stands in for payment before release). */
    record Guarantee(String declarationId, String reference, BigDecimal amount, String currency, String registeredBy, Instant registeredAt) { }

    /** One payment as the ledger knows it, whichever capability took it: amount in minor units of its currency. */
    record LedgerPayment(String paymentId, String kind, String reference, String provider, String providerRef, long amountMinor,
                         String currency, String status) { }

    /** What is due, paid and refunded under one reference (a payment order, or a traveller declaration). */
    record LedgerLine(String kind, String reference, String declarationId, String currency, BigDecimal due, BigDecimal paid,
                      BigDecimal refunded) { }

    /** A refund of (part of) a charge: asked for by one customs user, decided by another; provider's reference once made. */
    record Refund(long id, String paymentId, BigDecimal amount, String currency, String reason, RefundStatus status, String requestedBy,
                  Instant requestedAt, String decidedBy, Instant decidedAt, String providerRef) { }

    void insert(Charge c);

    /** Stores a REQUESTED refund; answers its id. */
    long insert(Refund r);

    Optional<Refund> refund(long id);

    /** The refund, its row locked until the transaction ends (so that two approvals cannot both make it). */
    Optional<Refund> refundForUpdate(long id);

    List<Refund> refunds(String declarationId);

    List<Refund> refundsOfPayment(String paymentId);

    /** Refunds in one status, oldest first (at most {@code limit}): e.g. those waiting for a decision. */
    List<Refund> refunds(RefundStatus status, int limit);

    /** REQUESTED → APPROVED (adding the amount to the charge's refunded) or REJECTED; false when it was not REQUESTED. */
    boolean decide(long id, RefundStatus to, String by, Instant at, String providerRef);

    Optional<Charge> charge(String id);

    /** The charge, its row locked until the transaction ends (refunds of one payment are asked for one at a time). */
    Optional<Charge> chargeForUpdate(String id);

    Optional<Charge> chargeByKey(String declarationId, String idempotencyKey);

    List<Charge> charges(String declarationId);

    /** PENDING → PAID; false when it was not pending. */
    boolean markPaid(String id, String providerRef, Instant at);

    void insert(Guarantee g);

    List<Guarantee> guarantees(String declarationId);

    /** Every payment order and every traveller declaration with duty, with amounts due, paid and refunded. */
    List<LedgerLine> ledger(int limit);

    /** Every payment taken through a provider (orders and travellers), newest first. */
    List<LedgerPayment> payments(int limit);

    /** Green declarations still RISK_ASSESSED with a PAID charge or a guarantee (at most {@code limit}): the release sweep's work. */
    List<String> coveredGreenWaiting(int limit);
}
