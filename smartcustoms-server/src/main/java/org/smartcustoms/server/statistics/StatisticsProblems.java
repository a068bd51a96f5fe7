package org.smartcustoms.server.statistics;

import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the statistics and research API's refusals (the rest goes to the shared ProblemHandler). */
@RestControllerAdvice(assignableTypes = {StatisticsController.class, ResearchController.class, DeclarationDataController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class StatisticsProblems {
    @ExceptionHandler(StatisticsRefusedException.class)
    ResponseEntity<ProblemDetail> refused(StatisticsRefusedException e) {
        ProblemDetail p = Problems.of(e.status(), Problems.sanitize(e.getMessage()));
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
