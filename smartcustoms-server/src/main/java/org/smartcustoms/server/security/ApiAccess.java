package org.smartcustoms.server.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A capability's own API paths and who may call them, applied by {@link SecurityConfig} before the default rule
 * (customs staff only). Each capability package contributes one bean, so the security configuration never has to
 * know every capability's paths; anything a capability does not grant stays denied to non-staff roles.
 */
@FunctionalInterface
public interface ApiAccess {
    void grant(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry paths);
}
