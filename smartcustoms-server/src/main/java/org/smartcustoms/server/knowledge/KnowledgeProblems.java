package org.smartcustoms.server.knowledge;

import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the knowledge services' own exceptions (other errors go to the project's ProblemHandler). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KnowledgeProblems {
    @ExceptionHandler(KnowledgeExceptions.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(KnowledgeExceptions.NotFound e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(KnowledgeExceptions.Conflict.class)
    ResponseEntity<ProblemDetail> conflict(KnowledgeExceptions.Conflict e) {
        return problem(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(KnowledgeExceptions.Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(KnowledgeExceptions.Unavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
