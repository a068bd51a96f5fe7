package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.security.ApiAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the enforcement API (need to know): officers record and read seizures (person names hidden) and learn
 * whether a declaration's party is of interest and whom to contact; analysts also read seizures and weight the hits;
 * persons, companies, suspicion reports, search and the link chart are for the intelligence unit (and administrators).
 * Traders reach nothing.
 */
@Configuration
class EnforcementAccess {
    @Bean
    ApiAccess enforcementPaths() {
        return paths -> paths
                .requestMatchers(HttpMethod.POST, "/api/v1/enforcement/seizures").hasAnyRole("OFFICER", "INTELLIGENCE", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/v1/enforcement/seizures", "/api/v1/enforcement/seizures/*")
                .hasAnyRole("OFFICER", "ANALYST", "INTELLIGENCE", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/v1/enforcement/seizures/*/photos").hasAnyRole("OFFICER", "INTELLIGENCE", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/v1/enforcement/seizures/*/photos", "/api/v1/enforcement/seizures/*/photos/*",
                        "/api/v1/enforcement/stats").hasAnyRole("OFFICER", "ANALYST", "INTELLIGENCE", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/v1/enforcement/interest").hasAnyRole("OFFICER", "ANALYST", "INTELLIGENCE", "ADMIN")
                .requestMatchers("/api/v1/enforcement/targeting").hasAnyRole("ANALYST", "INTELLIGENCE", "ADMIN")
                .requestMatchers("/api/v1/enforcement/**").hasAnyRole("INTELLIGENCE", "ADMIN");
    }
}
