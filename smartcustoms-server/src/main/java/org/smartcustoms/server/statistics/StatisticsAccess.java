package org.smartcustoms.server.statistics;

import org.smartcustoms.server.security.ApiAccess;
import org.smartcustoms.server.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the statistics and research API: published tables and the protected trade query are public (no
 * sign-in); defining and publishing tables is for data stewards (and administrators); research projects for
 * researchers and data stewards (the services check ownership and who decides).
 */
@Configuration
class StatisticsAccess {
    @Bean
    ApiAccess statisticsPaths() {
        return paths -> paths
                .requestMatchers(HttpMethod.GET, "/api/v1/statistics/trade", "/api/v1/statistics/trade.csv", "/api/v1/statistics/tables",
                        "/api/v1/statistics/tables/*", "/api/v1/statistics/tables/*/csv").permitAll()
                .requestMatchers("/api/v1/statistics/**").hasAnyRole(Role.DATA_STEWARD.name(), Role.ADMIN.name())
                .requestMatchers("/api/v1/research/**").hasAnyRole(Role.RESEARCHER.name(), Role.DATA_STEWARD.name());
    }
}
