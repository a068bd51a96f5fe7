package org.smartcustoms.server.cluster;

import java.util.List;
import java.util.Objects;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.FieldError;

/**
 * Where a queued submission stands: {@code QUEUED} (on the intake log, not decided yet), {@code DECIDED} (stored,
 * with its status and channel), {@code DUPLICATE} (the declarant's LRN was stored before as {@code storedId}) or
 * {@code REJECTED} (not stored, with every reason).
 */
public record IntakeStatus(String id, State state, String lrn, DeclarationStatus status, String channel, String storedId,
                           List<FieldError> errors, String declarationUrl) {
    public enum State { QUEUED, DECIDED, DUPLICATE, REJECTED }

    public IntakeStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
