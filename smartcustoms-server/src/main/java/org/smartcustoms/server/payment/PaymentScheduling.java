package org.smartcustoms.server.payment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link PaymentRelease#sweep} on its schedule. */
@Configuration
@EnableScheduling
class PaymentScheduling {
}
