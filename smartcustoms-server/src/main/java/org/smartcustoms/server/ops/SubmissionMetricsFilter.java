package org.smartcustoms.server.ops;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Times every single submission ({@code POST /api/v1/declarations}) from its arrival, before authentication, to its
 * answer, and counts it by the answer's status (see {@link OperationsMetrics}). Outside the controller, so parse
 * errors, refusals and failures are counted as well as accepted declarations.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SubmissionMetricsFilter extends OncePerRequestFilter {
    static final String PATH = "/api/v1/declarations";
    private final OperationsMetrics metrics;

    SubmissionMetricsFilter(OperationsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long t0 = System.nanoTime();
        metrics.submissionStarted();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            metrics.submission(failed ? 500 : response.getStatus(), System.nanoTime() - t0);
        }
    }
}
