package org.smartcustoms.server.cluster;

import org.smartcustoms.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Kafka did not take a submission in time: 503, nothing was queued that the client was told about. */
@RestControllerAdvice
@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(ClusterConfig.ENABLED)
class ClusterProblems {
    @ExceptionHandler(IntakeLog.IntakeLogUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(IntakeLog.IntakeLogUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The intake log is unavailable; nothing was queued. Try again."));
    }
}
