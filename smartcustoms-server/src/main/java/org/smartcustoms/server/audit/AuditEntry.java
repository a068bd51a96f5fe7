package org.smartcustoms.server.audit;

import java.time.Instant;

/**
 * One stored audit event as the chain holds it, in its stored text form (what {@link AuditHash} covers);
 * {@code action} is an {@link AuditAction} name, {@code subjectType} an {@link AuditSubject} code, {@code details}
 * the JSON text recorded by the caller.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subjectType, String subjectId,
                         String reason, String details, String prevHash, String hash) {
    /** The human label of the action; the stored text itself for an action this version does not know. */
    public String actionLabel() {
        return AuditAction.parse(action).map(AuditAction::label).orElse(action);
    }
}
