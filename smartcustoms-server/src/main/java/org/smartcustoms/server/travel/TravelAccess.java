package org.smartcustoms.server.travel;

import org.smartcustoms.server.security.ApiAccess;
import org.smartcustoms.server.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the travel paths: travellers (no account) the declaration, payment and QR paths, where the capability
 * token of each declaration is checked by {@link TravelService}; the payment provider its webhook (signed); e-gate
 * devices (role GATE) the scan; customs staff the flights, arrivals board, results and refunds; administrators the
 * keys and the purge.
 */
@Configuration
class TravelAccess {
    private static final String[] STAFF = Role.CUSTOMS_STAFF.stream().map(Enum::name).toArray(String[]::new);

    @Bean
    ApiAccess travelApiAccess() {
        return paths -> paths
                .requestMatchers(HttpMethod.POST, "/api/v1/travellers/declarations", "/api/v1/travellers/declarations/*/payments",
                        "/api/v1/payments/webhooks/simulated").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/travellers/allowances", "/api/v1/travellers/declarations/*",
                        "/api/v1/travellers/declarations/*/qr.png", "/api/v1/travellers/declarations/*/payments").permitAll()
                .requestMatchers("/api/v1/egate/**").hasRole(Role.GATE.name())
                .requestMatchers("/api/v1/travel/keys/**", "/api/v1/travel/purge", "/api/v1/travel/settings").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/v1/flights", "/api/v1/flights/**", "/api/v1/travel/**").hasAnyRole(STAFF);
    }
}
