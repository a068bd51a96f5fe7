package org.smartcustoms.server.declaration;

/**
 * The declarant tried to amend or cancel a declaration customs has selected for control (409). The attempt is
 * recorded in the audit trail and the status history before this is thrown, and those records are kept.
 */
public class ControlLockedException extends DeclarationStateException {
    public ControlLockedException(String message) {
        super(message);
    }
}
