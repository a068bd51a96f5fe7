package org.smartcustoms.server.payment;

/** No such payment of a payment order, or no such refund (404). */
class PaymentNotFoundException extends RuntimeException {
    PaymentNotFoundException(String message) {
        super(message);
    }
}
