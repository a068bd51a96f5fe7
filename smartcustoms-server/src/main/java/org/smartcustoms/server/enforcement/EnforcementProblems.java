package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the enforcement API's own failures (the rest goes to the shared ProblemHandler). */
@RestControllerAdvice(assignableTypes = EnforcementController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EnforcementProblems {
    @ExceptionHandler(EnforcementNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(EnforcementNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(EnforcementExchangeException.class)
    ResponseEntity<ProblemDetail> exchange(EnforcementExchangeException e) {
        ProblemDetail p = Problems.of(e.status(), e.getMessage());
        if (!e.errors().isEmpty()) p.setProperty("errors", e.errors());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
