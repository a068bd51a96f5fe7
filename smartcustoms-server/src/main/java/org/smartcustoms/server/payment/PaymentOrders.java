package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.smartcustoms.declaration.Money;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.NotificationType;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues payment orders and tells the declarant (DMSTAX): additional duty recorded by an officer becomes an order
 * with the declaration's new total, due {@link #PAYMENT_DAYS} days after issue (dates from the injected clock).
 */
@Service
public class PaymentOrders {
    /** Days the declarant has to pay an order. */
    public static final int PAYMENT_DAYS = 10;
    private final PaymentOrderStore orders;
    private final DeclarationStore declarations;
    private final Clock clock;

    public PaymentOrders(PaymentOrderStore orders, DeclarationStore declarations, Clock clock) {
        this.orders = orders;
        this.declarations = declarations;
        this.clock = clock;
    }

    /** An order for additional duty on {@code d}, in the caller's transaction (the officer's recording). */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentOrder additionalDuty(StoredDeclaration d, Money duty) {
        List<PaymentOrder> earlier = orders.forDeclaration(d.id());
        TariffAssessment a = d.assessment();
        BigDecimal assessed = a != null && a.complete() && a.total() != null && duty.currency().equals(a.currency())
                ? a.total().amount() : null;
        BigDecimal previous = earlier.stream().filter(o -> o.currency().equals(duty.currency()))
                .map(PaymentOrder::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal newTotal = assessed == null ? null : assessed.add(previous).add(duty.amount());
        String reference = "PO-" + d.id() + "-" + (earlier.size() + 1);
        PaymentOrder order = new PaymentOrder(reference, d.id(), PaymentOrder.Kind.ADDITIONAL_DUTY, duty.amount(),
                duty.currency(), assessed, newTotal, LocalDate.now(clock).plusDays(PAYMENT_DAYS), clock.instant());
        orders.insert(order);
        declarations.notify(d.declarantId(), d.id(), d.declaration().lrn(), NotificationType.DMSTAX,
                "Additional duty of " + duty.amount().toPlainString() + " " + duty.currency() + " assessed after customs control of "
                        + "declaration " + d.declaration().lrn() + " (" + d.id() + "). Payment order " + reference + ": pay "
                        + duty.amount().toPlainString() + " " + duty.currency() + " by " + order.dueDate()
                        + (newTotal == null ? "" : "; duty and taxes on the declaration now total " + newTotal.toPlainString() + " " + duty.currency()),
                order.issuedAt());
        return order;
    }

    /** A declaration's orders, oldest first. */
    @Transactional(readOnly = true)
    public List<PaymentOrder> forDeclaration(String declarationId) {
        return orders.forDeclaration(declarationId);
    }
}
