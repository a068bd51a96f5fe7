package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A declaration of a batch as the intake concluded it in memory, ready to be written in one go: its final state
 * (status, history from SUBMITTED on, assessment, risk decision and channel) and the notifications for its declarant.
 */
record NewDeclaration(StoredDeclaration declaration, List<Notice> notices) {
    NewDeclaration {
        Objects.requireNonNull(declaration, "declaration");
        notices = List.copyOf(notices);
    }

    /** A notification to the declarant about this declaration. */
    record Notice(NotificationType type, String message, Instant at) {
        Notice {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
        }
    }
}
