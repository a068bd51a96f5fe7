package org.smartcustoms.server.payment;

/** Where a refund of a payment order's payment stands: asked for, then approved (and made) or rejected — once. */
public enum RefundStatus {
    REQUESTED, APPROVED, REJECTED;

    /** Whether a refund in this status still counts against what is left of the payment. */
    boolean open() {
        return this != REJECTED;
    }
}
