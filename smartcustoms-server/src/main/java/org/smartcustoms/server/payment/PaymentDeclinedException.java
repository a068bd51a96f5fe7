package org.smartcustoms.server.payment;

/** The provider declined the card: nothing was charged, nothing recorded (402). */
class PaymentDeclinedException extends RuntimeException {
    PaymentDeclinedException(String message) {
        super(message);
    }
}
