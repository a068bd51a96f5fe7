package org.smartcustoms.server.enforcement;

import java.util.List;

import org.springframework.http.HttpStatus;

/** An import, export or photo refused as a whole: the status, a sentence, and (for an import) the errors by line. */
class EnforcementExchangeException extends RuntimeException {
    private final HttpStatus status;
    private final List<String> errors;

    EnforcementExchangeException(HttpStatus status, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    EnforcementExchangeException(HttpStatus status, String detail) { this(status, detail, List.of()); }

    HttpStatus status() { return status; }

    List<String> errors() { return errors; }
}
