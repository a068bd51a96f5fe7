package org.smartcustoms.server.payment;

import java.util.List;

/** Storage of payment orders. */
public interface PaymentOrderStore {
    void insert(PaymentOrder order);

    /** A declaration's orders, oldest first. */
    List<PaymentOrder> forDeclaration(String declarationId);
}
