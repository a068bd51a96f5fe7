package org.smartcustoms.server.declaration;

/** The declaration does not exist, or the caller may not see it (both answer 404 so ids cannot be probed). */
public class DeclarationNotFoundException extends RuntimeException {
    public DeclarationNotFoundException(String id) {
        super("No declaration " + id);
    }
}
