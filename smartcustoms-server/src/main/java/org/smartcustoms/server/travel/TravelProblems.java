package org.smartcustoms.server.travel;

import org.smartcustoms.server.web.Problems;
import org.smartcustoms.travel.MrzException;
import org.smartcustoms.travel.PaxlstFormatException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the travel API's own failures (the rest goes to the shared ProblemHandler). */
@RestControllerAdvice(assignableTypes = {TravellerController.class, EgateController.class, FlightController.class,
        PassengerRuleController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TravelProblems {

    @ExceptionHandler(TravelExceptions.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(TravelExceptions.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @ExceptionHandler(TravelExceptions.Conflict.class)
    ResponseEntity<ProblemDetail> conflict(TravelExceptions.Conflict e) {
        return problem(HttpStatus.CONFLICT, null, e.getMessage());
    }

    @ExceptionHandler(TravelExceptions.BadWebhook.class)
    ResponseEntity<ProblemDetail> badWebhook(TravelExceptions.BadWebhook e) {
        return problem(HttpStatus.BAD_REQUEST, "Webhook refused", e.getMessage() + "; nothing was recorded");
    }

    @ExceptionHandler(TravelExceptions.Declined.class)
    ResponseEntity<ProblemDetail> declined(TravelExceptions.Declined e) {
        return problem(HttpStatus.PAYMENT_REQUIRED, "Payment declined", e.getMessage());
    }

    @ExceptionHandler(TravelExceptions.TooMany.class)
    ResponseEntity<ProblemDetail> tooMany(TravelExceptions.TooMany e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, null, e.getMessage());
    }

    @ExceptionHandler(MrzException.class)
    ResponseEntity<ProblemDetail> mrz(MrzException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Passport MRZ cannot be read", e.getMessage());
    }

    @ExceptionHandler(PaxlstFormatException.class)
    ResponseEntity<ProblemDetail> paxlst(PaxlstFormatException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "The passenger list cannot be read; nothing was stored.");
        p.setTitle("Unreadable passenger list");
        p.setProperty("errors", e.errors().stream().map(Problems::sanitize).toList());
        return send(p);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> bad(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage() == null ? "a required value is missing" : e.getMessage());
    }

    /** Records name their required values ("birth date is required"); anything else stays a generic sentence. */
    @ExceptionHandler(NullPointerException.class)
    ResponseEntity<ProblemDetail> missing(NullPointerException e) {
        String m = e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", m != null && m.endsWith(" is required") && m.length() < 80
                ? m : "a required value is missing");
    }

    /** Unreadable JSON, or a value a record refused (its message says which). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable c = e.getCause();
        while (c != null && !(c instanceof IllegalArgumentException) && !(c instanceof NullPointerException) && c.getCause() != null) c = c.getCause();
        String detail = c instanceof IllegalArgumentException && c.getMessage() != null ? c.getMessage()
                : c instanceof NullPointerException && c.getMessage() != null && c.getMessage().endsWith(" is required") ? c.getMessage()
                : hasCause(e, java.time.DateTimeException.class) ? "dates must be written yyyy-mm-dd"
                : "the body is not valid JSON for this request (see the API documentation for its fields)";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) if (type.isInstance(c)) return true;
        return false;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = Problems.of(status, detail);
        if (title != null) p.setTitle(title);
        return send(p);
    }

    private static ResponseEntity<ProblemDetail> send(ProblemDetail p) {
        p.setDetail(Problems.sanitize(p.getDetail()));
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
