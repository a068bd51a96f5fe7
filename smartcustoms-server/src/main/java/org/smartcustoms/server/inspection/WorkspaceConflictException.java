package org.smartcustoms.server.inspection;

/** A workspace request that cannot be carried out in the current state (409), e.g. too few results to retrain. */
public class WorkspaceConflictException extends RuntimeException {
    public WorkspaceConflictException(String message) {
        super(message);
    }
}
