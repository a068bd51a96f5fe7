package org.smartcustoms.server.payment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code smartcustoms.payment.release-requires-payment} (default false): when true, a declaration with duty and
 * taxes due is released only once they are paid through a payment order or covered by a registered guarantee.
 */
@Component
public class PaymentSettings {
    private volatile boolean releaseRequiresPayment;

    PaymentSettings(@Value("${smartcustoms.payment.release-requires-payment:false}") boolean releaseRequiresPayment) {
        this.releaseRequiresPayment = releaseRequiresPayment;
    }

    public boolean releaseRequiresPayment() {
        return releaseRequiresPayment;
    }

    /** For tests and operators switching the rule at run time. */
    public void setReleaseRequiresPayment(boolean on) {
        this.releaseRequiresPayment = on;
    }
}
