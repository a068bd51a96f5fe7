package org.smartcustoms.server.security;

import java.io.IOException;

import org.smartcustoms.server.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

/**
 * API security: every {@code /api/**} call needs a bearer token (stateless, no cookies, no CSRF surface).
 * Failures answer RFC 7807 problem+json: 401 without a valid token, 403 for a role that may not act.
 *
 * <p>No chain ever creates an HTTP session (no {@code JSESSIONID}): sessions are stateless and no request is
 * saved for a later login. Every response carries {@code Referrer-Policy: no-referrer} and a Content-Security-
 * Policy: nothing at all may load from API answers; the OpenAPI page and the web workspace load only their
 * own scripts and styles. Error dispatches ({@code /error}) are always allowed, so a 404/405/415 found after
 * the security check reaches the problem+json error page instead of turning into an empty 403.
 */
@Configuration
@EnableMethodSecurity
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfig {

    /** API answers are data, never documents to render: nothing may load, nothing may frame them. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Swagger UI: its own scripts and styles (React sets inline styles), data: icons, calls to this origin only. */
    static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    /** The web workspace: static pages and scripts of this origin only. */
    static final String WEB_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * No Spring Security observations (filter chain, authentication, authorization): they are switched off anyway
     * ({@code management.observations.enable.spring.security=false}), and without this the filter chain is still
     * wrapped filter by filter in (no-op) observations on every request, a visible share of a submission's CPU.
     * Request metrics ({@code http.server.requests}) are not affected.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * What every chain shares: no session, no saved request, no-referrer and the given CSP; no form logout (the API
     * has its own, {@code POST /api/v1/auth/logout}) and no servlet API wrapper of the request (nothing asks the request
     * for its user or roles): two filters less on every request.
     */
    static HttpSecurity common(HttpSecurity http, String csp) throws Exception {
        return http.csrf(c -> c.disable())
                .logout(l -> l.disable())
                .servletApi(s -> s.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(c -> c.policyDirectives(csp)));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, UserDirectory users, ObjectMapper json, java.util.List<ApiAccess> capabilities)
            throws Exception {
        common(http.securityMatcher("/api/**"), API_CSP)
                .addFilterBefore(new TokenAuthenticationFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/api/v1/auth/login").permitAll();
                    // each capability's own paths (enforcement, travel, knowledge, statistics, ...) first
                    capabilities.forEach(c -> c.grant(a));
                    a
                        // what a trader may call, and nothing else: every other path needs a customs role before any
                        // body or content type is looked at (method-level checks still refine the customs roles)
                        .requestMatchers("/api/v1/declarations/*/inspection", "/api/v1/declarations/*/inspections",
                                "/api/v1/declarations/*/override", "/api/v1/declarations/*/correction-authorisation",
                                "/api/v1/declarations/*/reclassification")
                        .hasAnyRole(CUSTOMS_ROLES)
                        .requestMatchers("/api/v1/declarations", "/api/v1/declarations/batch", "/api/v1/declarations/*",
                                "/api/v1/declarations/*/versions", "/api/v1/declarations/*/cancel", "/api/v1/notifications", "/api/v1/intake/*",
                                "/api/v1/declarations/*/payment-orders",
                                "/api/v1/manifests", "/api/v1/manifests/*", "/api/v1/manifests/*/consignments",
                                "/api/v1/manifests/*/rejected-rows",
                                "/api/v1/estimate", "/api/v1/tariff/**").hasAnyRole(TRADER_AND_CUSTOMS_ROLES)
                        .requestMatchers("/api/v1/me", "/api/v1/auth/**").authenticated()
                        // deny by default: everything else is for customs staff only
                        .anyRequest().hasAnyRole(CUSTOMS_ROLES);
                });
        return problems(http, json).build();
    }

    /** 401 without a valid token, 403 for a role that may not: both problem+json. */
    private static HttpSecurity problems(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.exceptionHandling(e -> e
                .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED,
                        "A valid bearer token is required (Authorization: Bearer <token>)."))
                .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN,
                        "Your role may not perform this action.")));
    }

    /**
     * Operations endpoints: health and info for anyone (load balancers, probes); metrics ({@code /actuator/metrics},
     * {@code /actuator/prometheus}) for administrators with a bearer token, like the API; nothing else.
     */
    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http, UserDirectory users, ObjectMapper json) throws Exception {
        common(http.securityMatcher("/actuator/**"), API_CSP)
                .addFilterBefore(new TokenAuthenticationFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/metrics", "/actuator/metrics/**", "/actuator/prometheus").hasRole(Role.ADMIN.name())
                        .anyRequest().denyAll());
        return problems(http, json).build();
    }

    /** Customs staff ({@link Role#CUSTOMS_STAFF}); other non-trader roles reach only what an {@link ApiAccess} grants. */
    private static final String[] CUSTOMS_ROLES = Role.CUSTOMS_STAFF.stream().map(Enum::name).toArray(String[]::new);
    /** Customs staff and traders: the declaration, manifest and tariff paths traders use. */
    private static final String[] TRADER_AND_CUSTOMS_ROLES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Role.TRADER.name()), java.util.Arrays.stream(CUSTOMS_ROLES)).toArray(String[]::new);

    @Bean
    @Order(3)
    SecurityFilterChain docs(HttpSecurity http) throws Exception {
        common(http.securityMatcher("/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**", "/swagger-ui.html"), DOCS_CSP)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The web workspace is static pages and scripts; all data comes from the token-protected API. Nothing here
     * is protected (the API chain protects the data), so every request reaches Spring MVC, which answers an
     * unknown path 404 and another method 405 as problem+json, and error dispatches reach the error page.
     */
    @Bean
    @Order(4)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        common(http, WEB_CSP)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    static void write(HttpServletResponse res, ObjectMapper json, HttpStatus status, String detail) throws IOException {
        res.setStatus(status.value());
        res.setContentType("application/problem+json");
        json.writeValue(res.getOutputStream(), Problems.of(status, detail));
    }
}
