package org.smartcustoms.server.payment;

import org.smartcustoms.server.security.ApiAccess;
import org.smartcustoms.server.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the payment paths: the declarant (trader; only its own declarations, checked by
 * {@link DeclarationPayments}) and customs the payments of a declaration; officers and administrators register
 * guarantees; officers and auditors ask for refunds, administrators and auditors decide them; customs staff the ledger, reconciliation and the provider's report.
 */
@Configuration
class PaymentAccess {
    private static final String[] STAFF = Role.CUSTOMS_STAFF.stream().map(Enum::name).toArray(String[]::new);
    private static final String[] TRADER_AND_STAFF = java.util.stream.Stream.concat(java.util.stream.Stream.of(Role.TRADER.name()),
            java.util.Arrays.stream(STAFF)).toArray(String[]::new);

    @Bean
    ApiAccess paymentApiAccess() {
        return paths -> paths
                .requestMatchers("/api/v1/declarations/*/payments").hasAnyRole(TRADER_AND_STAFF)
                .requestMatchers(HttpMethod.POST, "/api/v1/declarations/*/guarantees").hasAnyRole(Role.OFFICER.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/payments/*/refunds").hasAnyRole(Role.OFFICER.name(), Role.AUDITOR.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/payments/refunds/*/approve", "/api/v1/payments/refunds/*/reject")
                .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/payments/refunds").hasAnyRole(STAFF)
                .requestMatchers("/api/v1/payments/ledger", "/api/v1/payments/reconciliation", "/api/v1/payments/providers/**")
                .hasAnyRole(STAFF);
    }
}
