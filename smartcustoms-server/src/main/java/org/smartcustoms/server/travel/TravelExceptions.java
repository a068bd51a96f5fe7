package org.smartcustoms.server.travel;

/** The travel API's own failures, turned into problem+json by {@link TravelProblems}. */
final class TravelExceptions {
    private TravelExceptions() { }

    /** 404: no such record (or not visible with the capability given: answered the same way). */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** 409: the request conflicts with the record's state (already paid, replayed webhook event, ...). */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** 400: a webhook whose signature, timestamp or content does not verify. Nothing is recorded. */
    static final class BadWebhook extends RuntimeException {
        BadWebhook(String message) {
            super(message);
        }
    }

    /** 402: the payment provider declined the card. */
    static final class Declined extends RuntimeException {
        Declined(String message) {
            super(message);
        }
    }

    /** 429: too many requests from one client on the public endpoints. */
    static final class TooMany extends RuntimeException {
        TooMany(String message) {
            super(message);
        }
    }
}
