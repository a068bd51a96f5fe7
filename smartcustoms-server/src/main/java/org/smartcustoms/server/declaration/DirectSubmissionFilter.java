package org.smartcustoms.server.declaration;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.smartcustoms.server.web.RequestBodies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the common single submission, {@code POST /api/v1/declarations} with a JSON body and the bearer token of a
 * TRADER or ADMIN, without the Spring Security filter chain and Spring MVC: the token is checked here as the chain's
 * {@code TokenAuthenticationFilter} does ({@link UserDirectory#authenticateToken}, revocation and expiry included), the
 * role as the controller does, and the answer is the controller's own ({@link DeclarationController#submit(UserAccount,
 * byte[], String)}), written with the application's {@link ObjectMapper}. The API chain's security headers are written
 * by the chain's own {@link HeaderWriterFilter}, and an exception is answered by Spring MVC's exception resolvers (the
 * same problem+json as through the controller). Everything else goes on through the normal chain unchanged: another
 * path, method or content type, no token, an invalid token, another role (answered 401/403 there), an {@code Accept}
 * other than JSON or any, a cross-origin request. The submission metrics ({@code smartcustoms.intake.submissions}, an
 * earlier filter) still time it, and {@code http.server.requests} still names its URI.
 *
 * <p>Why: at hundreds of submissions a second on two cores, the generic per-request work of the two frameworks
 * (filter chain, handler mapping, argument resolution, content negotiation) was about a third of a submission's CPU
 * (docs/intake.md, "Single submissions"). {@code smartcustoms.http.direct-submissions=false} turns it off.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11) // after SubmissionMetricsFilter (+10), before Spring Security (-100)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "smartcustoms.http.direct-submissions", havingValue = "true", matchIfMissing = true)
class DirectSubmissionFilter extends HttpFilter {
    static final String PATH = "/api/v1/declarations";

    private final ObjectProvider<DeclarationController> controller;
    private final ObjectProvider<UserDirectory> users;
    private final ObjectProvider<ObjectMapper> json;
    private final ObjectProvider<HandlerExceptionResolver> resolver;
    private final ObjectProvider<SecurityFilterChain> api;
    private volatile Parts parts;

    /** Resolved on the first request (filters are created before most of the application). */
    private record Parts(DeclarationController controller, UserDirectory users, ObjectMapper json, HandlerExceptionResolver resolver,
                         HeaderWriterFilter headers) { }

    DirectSubmissionFilter(ObjectProvider<DeclarationController> controller, ObjectProvider<UserDirectory> users,
                           ObjectProvider<ObjectMapper> json,
                           @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver,
                           @Qualifier("api") ObjectProvider<SecurityFilterChain> api) {
        this.controller = controller;
        this.users = users;
        this.json = json;
        this.resolver = resolver;
        this.api = api;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!"POST".equals(req.getMethod()) || !PATH.equals(req.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        String contentType = req.getContentType();
        String auth = req.getHeader("Authorization");
        if (!isJson(contentType) || !acceptsJson(req) || req.getHeader("Origin") != null
                || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(req, res);
            return;
        }
        Parts p = parts();
        Optional<UserAccount> user = p.users().authenticateToken(auth.substring(7).trim());
        if (user.isEmpty() || (user.get().role() != Role.TRADER && user.get().role() != Role.ADMIN)) {
            chain.doFilter(req, res); // 401 or 403 from the chain and the controller, as always
            return;
        }
        p.headers().doFilter(req, res, (rq, rs) -> serve(p, (HttpServletRequest) rq, (HttpServletResponse) rs, user.get(), contentType));
    }

    private void serve(Parts p, HttpServletRequest req, HttpServletResponse res, UserAccount user, String contentType)
            throws IOException, ServletException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority(user.role().authority()))));
        SecurityContextHolder.setContext(context);
        ServerHttpObservationFilter.findObservationContext(req).ifPresent(c -> c.setPathPattern(PATH));
        try {
            ResponseEntity<?> answer = p.controller().submit(user, RequestBodies.readLimited(req.getInputStream(), DeclarationController.MAX_BODY), contentType);
            byte[] body = p.json().writeValueAsBytes(answer.getBody());
            res.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(v -> res.addHeader(name, v)));
            res.setContentType(MediaType.APPLICATION_JSON_VALUE);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        } catch (Exception e) {
            // as the DispatcherServlet does with a controller's exception: problem+json from the exception handlers
            if (res.isCommitted() || p.resolver().resolveException(req, res, null, e) == null) {
                if (e instanceof IOException io) throw io;
                if (e instanceof RuntimeException r) throw r;
                throw new ServletException(e);
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            SecurityFilterChain chain = api.getObject();
            HeaderWriterFilter headers = chain.getFilters().stream().filter(HeaderWriterFilter.class::isInstance)
                    .map(HeaderWriterFilter.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the API security chain writes no headers"));
            p = new Parts(controller.getObject(), users.getObject(), json.getObject(), resolver.getObject(), headers);
            parts = p;
        }
        return p;
    }

    /** application/json, with or without parameters (a charset other than UTF-8 is refused by the parser, as always). */
    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String ct = contentType.trim().toLowerCase(Locale.ROOT);
        return ct.equals("application/json") || (ct.startsWith("application/json") && (ct.charAt(16) == ';' || ct.charAt(16) == ' '));
    }

    /** No Accept header, or one that takes JSON plainly: anything else is negotiated by Spring MVC. */
    static boolean acceptsJson(HttpServletRequest req) {
        var all = req.getHeaders("Accept");
        if (all == null || !all.hasMoreElements()) return true;
        String accept = all.nextElement().trim();
        if (all.hasMoreElements()) return false;
        return accept.equals("*/*") || accept.equalsIgnoreCase("application/json");
    }
}
