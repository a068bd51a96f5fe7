package org.smartcustoms.server.consignment;

import org.smartcustoms.consignment.ManifestFormatException;
import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the manifest API's own failures (the rest goes to the shared ProblemHandler). */
@RestControllerAdvice(assignableTypes = ManifestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManifestProblems {

    @ExceptionHandler(ManifestNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ManifestNotFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(ManifestFormatException.class)
    ResponseEntity<ProblemDetail> unreadable(ManifestFormatException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "The manifest cannot be read; nothing was stored: " + e.getMessage());
        p.setTitle("Unreadable manifest");
        p.setProperty("errors", e.errors().stream().map(Problems::sanitize).toList());
        return problem(p);
    }

    @ExceptionHandler(ManifestController.UnsupportedCharset.class)
    ResponseEntity<ProblemDetail> charset(ManifestController.UnsupportedCharset e) {
        ProblemDetail p = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        p.setTitle("Unsupported character encoding");
        return problem(p);
    }

    /** Another upload stored some of the same consignment ids first (primary key): nothing of this one was stored. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> race(DataIntegrityViolationException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "Another manifest with some of the same consignment ids was stored "
                + "at the same moment; nothing of this one was stored. Send it again: the ids stored are then reported as duplicates."));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        p.setDetail(Problems.sanitize(p.getDetail()));
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
