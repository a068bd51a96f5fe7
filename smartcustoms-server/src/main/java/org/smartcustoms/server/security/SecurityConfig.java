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

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * API security: every {@code /api/**} call needs a bearer token (stateless, no cookies, no CSRF surface).
 * Failures answer RFC 7807 problem+json: 401 without a valid token, 403 for a role that may not act.
 */
@Configuration
@EnableMethodSecurity
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, UserDirectory users, ObjectMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TokenAuthenticationFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/auth/login").permitAll().anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED,
                                "A valid bearer token is required (Authorization: Bearer <token>)."))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN,
                                "Your role may not perform this action.")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain docs(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    /** The web workspace is static pages and scripts; all data comes from the token-protected API. */
    @Bean
    @Order(4)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/app/**", "/webjars/**", "/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    static void write(HttpServletResponse res, ObjectMapper json, HttpStatus status, String detail) throws IOException {
        res.setStatus(status.value());
        res.setContentType("application/problem+json");
        json.writeValue(res.getOutputStream(), Problems.of(status, detail));
    }
}
