package org.smartcustoms.server.declaration;

/** The requested action is not allowed in the declaration's current status (409). */
public class DeclarationStateException extends RuntimeException {
    public DeclarationStateException(String message) {
        super(message);
    }
}
