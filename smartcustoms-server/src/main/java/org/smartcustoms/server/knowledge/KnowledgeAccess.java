package org.smartcustoms.server.knowledge;

import org.smartcustoms.server.security.ApiAccess;
import org.smartcustoms.server.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the knowledge services: classification and the assistant are public (a signed-in trader is still
 * recognised by its token); the helpdesk queue and the knowledge-base administration are for HELPDESK and ADMIN.
 */
@Configuration
class KnowledgeAccess {
    @Bean
    ApiAccess knowledgeApiAccess() {
        return paths -> paths
                .requestMatchers(HttpMethod.POST, "/api/v1/classify").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/assistant/ask").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/assistant/conversations/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/assistant/conversations/*/messages/*/feedback").permitAll()
                .requestMatchers("/api/v1/helpdesk/**", "/api/v1/knowledge/**").hasAnyRole(Role.HELPDESK.name(), Role.ADMIN.name());
    }
}
