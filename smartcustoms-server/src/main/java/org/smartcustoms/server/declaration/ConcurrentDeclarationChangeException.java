package org.smartcustoms.server.declaration;

/** The declaration changed under the caller (another request moved it first): 409, try again. */
public class ConcurrentDeclarationChangeException extends DeclarationStateException {
    public ConcurrentDeclarationChangeException(String message) {
        super(message);
    }
}
