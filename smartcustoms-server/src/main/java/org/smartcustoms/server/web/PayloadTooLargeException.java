package org.smartcustoms.server.web;

/** The request body exceeds the configured limit (413). */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}
