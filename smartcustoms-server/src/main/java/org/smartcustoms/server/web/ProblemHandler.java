package org.smartcustoms.server.web;


import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.server.declaration.DeclarationFormats;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the API into {@code application/problem+json}: never a stack trace, always a
 * sentence the caller can act on, and for invalid input the full list of {@code {path, code, message}}.
 *
 * <p>Not restricted to our controllers: errors met before a controller is chosen (unknown path 404, method
 * 405, media type 415) come here too. Every detail and listed message is {@link Problems#sanitize sanitized},
 * so that library texts never show class names, framework settings or server paths.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidDeclarationException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDeclarationException e) {
        List<org.smartcustoms.declaration.FieldError> errors = Problems.fieldErrors(e.violations());
        int n = errors.size();
        if (n == 0) return problem(Problems.invalid(e.getMessage(), e.violations()));
        org.smartcustoms.declaration.FieldError first = errors.get(0);
        return problem(Problems.invalid(n + " problem" + (n == 1 ? "" : "s") + " found: " + first.label() + ": " + first.message()
                + (n > 1 ? " (and " + (n - 1) + " more)" : ""), e.violations()));
    }

    @ExceptionHandler(DeclarationNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DeclarationNotFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(org.smartcustoms.server.declaration.AssessmentIncompleteException.class)
    ResponseEntity<ProblemDetail> assessmentIncomplete(org.smartcustoms.server.declaration.AssessmentIncompleteException e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Assessment incomplete: release blocked");
        p.setProperty("items", e.errors());
        return problem(p);
    }

    @ExceptionHandler(DeclarationStateException.class)
    ResponseEntity<ProblemDetail> conflict(DeclarationStateException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** Another request holds the declaration (row lock timeout or deadlock victim): nothing was stored, try again. */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(org.springframework.dao.PessimisticLockingFailureException e) {
        log.info("lock conflict: {}", e.getMostSpecificCause().getMessage());
        return problem(Problems.of(HttpStatus.CONFLICT, "The declaration is being changed by another request; nothing was stored. Try again."));
    }

    @ExceptionHandler(DeclarationFormats.UnsupportedCharsetProblem.class)
    ResponseEntity<ProblemDetail> unsupportedCharset(DeclarationFormats.UnsupportedCharsetProblem e) {
        ProblemDetail p = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        p.setTitle("Unsupported character encoding");
        return problem(p);
    }

    @ExceptionHandler(DeclarationFormats.BadEncodingProblem.class)
    ResponseEntity<ProblemDetail> badEncoding(DeclarationFormats.BadEncodingProblem e) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Body is not valid text in its encoding");
        return problem(p);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    @ExceptionHandler(org.smartcustoms.tariff.UnknownCommodityCodeException.class)
    ResponseEntity<ProblemDetail> unknownCode(org.smartcustoms.tariff.UnknownCommodityCodeException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Unknown commodity code");
        p.setProperty("code", e.code());
        p.setProperty("nearest", e.nearestCodes());
        return problem(p);
    }

    @ExceptionHandler(org.smartcustoms.tariff.MissingExchangeRateException.class)
    ResponseEntity<ProblemDetail> noRate(org.smartcustoms.tariff.MissingExchangeRateException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("No exchange rate");
        p.setProperty("currency", e.currency());
        p.setProperty("date", e.date().toString());
        return problem(p);
    }

    @ExceptionHandler(org.smartcustoms.tariff.TariffDataException.class)
    ResponseEntity<ProblemDetail> badTariffFile(org.smartcustoms.tariff.TariffDataException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "The file " + e.source() + " was rejected whole: "
                + e.errors().size() + " error(s); nothing was imported.");
        p.setTitle("Invalid tariff file");
        p.setProperty("errors", e.errors());
        return problem(p);
    }

    @ExceptionHandler(org.smartcustoms.risk.rules.RuleCompilationException.class)
    ResponseEntity<ProblemDetail> badRule(org.smartcustoms.risk.rules.RuleCompilationException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Rule does not compile");
        p.setProperty("line", e.line());
        p.setProperty("column", e.column());
        p.setProperty("problems", e.problems());
        return problem(p);
    }

    @ExceptionHandler(org.smartcustoms.risk.watchlist.WatchListImportException.class)
    ResponseEntity<ProblemDetail> badWatchList(org.smartcustoms.risk.watchlist.WatchListImportException e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid watch-list file; nothing was imported");
        return problem(p);
    }

    @ExceptionHandler({org.smartcustoms.server.risk.RuleNotFoundException.class, org.smartcustoms.server.risk.ModelNotFoundException.class})
    ResponseEntity<ProblemDetail> noRule(RuntimeException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(org.smartcustoms.server.risk.ModelStateException.class)
    ResponseEntity<ProblemDetail> modelState(org.smartcustoms.server.risk.ModelStateException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(org.smartcustoms.risk.model.ModelLoadException.class)
    ResponseEntity<ProblemDetail> badModel(org.smartcustoms.risk.model.ModelLoadException e) {
        return problem(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
    }

    /**
     * A multipart body the container cannot parse (no boundary, truncated, not multipart at all): the client's fault,
     * 400. A multipart body over the upload limit (MaxUploadSizeExceededException, a closer match) is answered 413 by the
     * inherited handler.
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(org.springframework.web.multipart.MultipartException e) {
        log.info("unreadable multipart body: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not a readable multipart/form-data body.");
        p.setTitle("Unreadable multipart body");
        return problem(p);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "Your role may not perform this action."));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        return problem(p);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.apache.catalina.connector.ClientAbortException) {
                // the client went away mid-request (closed the upload): nothing to answer, nothing the server did wrong
                log.debug("Client disconnected: {}", c.getMessage());
                return null;
            }
        }
        log.error("Unexpected error", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged. Nothing was stored."));
    }

    /** An unreadable body (malformed JSON, duplicate key, wrong type): say where, never which library class failed. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = "The request body cannot be read";
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                String why = j.getOriginalMessage();
                var at = j.getLocation();
                detail = "The request body is not valid" + (why == null ? "" : ": " + why)
                        + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
                break;
            }
        }
        if (detail.equals("The request body cannot be read") && ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            detail = "A request body is required";
        }
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, detail);
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> r = super.handleExceptionInternal(ex, body, headers, status, request);
        HttpHeaders h = new HttpHeaders();
        if (r != null) h.putAll(r.getHeaders());
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Object b = r == null || r.getBody() == null ? Problems.of(status.value(), "The request could not be processed.") : r.getBody();
        if (b instanceof ProblemDetail p) {
            if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
                p.setType(Problems.of(status.value(), "").getType());
            }
            clean(p);
        }
        return new ResponseEntity<>(b, h, status);
    }

    static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        clean(p);
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** Sanitizes the detail and every listed message of a problem document in place. */
    static void clean(ProblemDetail p) {
        p.setDetail(Problems.sanitize(p.getDetail()));
        Map<String, Object> props = p.getProperties();
        if (props == null) return;
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (e.getValue() instanceof List<?> list) {
                e.setValue(list.stream().map(ProblemHandler::cleanItem).toList());
            } else if (e.getValue() instanceof String str) {
                e.setValue(Problems.sanitize(str));
            }
        }
    }

    private static Object cleanItem(Object o) {
        if (o instanceof Violation v) return new Violation(v.path(), v.code(), Problems.sanitize(v.message()));
        if (o instanceof String str) return Problems.sanitize(str);
        return o;
    }

}
