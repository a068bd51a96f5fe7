package org.smartcustoms.server.statistics;

import org.springframework.http.HttpStatus;

/** A statistics or research request refused for a reason people can read (already audited when it is thrown). */
class StatisticsRefusedException extends RuntimeException {
    private final HttpStatus status;

    StatisticsRefusedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() { return status; }
}
