package org.smartcustoms.server.inspection;

import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 409 problem for {@link WorkspaceConflictException}; ordered first so the catch-all 500 handler does not take it. */
@RestControllerAdvice(basePackages = "org.smartcustoms.server")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceProblems {
    @ExceptionHandler(WorkspaceConflictException.class)
    ResponseEntity<ProblemDetail> conflict(WorkspaceConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }
}
