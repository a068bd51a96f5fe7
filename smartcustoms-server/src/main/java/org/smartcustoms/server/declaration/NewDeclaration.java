package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A declaration of a batch as the intake concluded it in memory, ready to be written in one go: its final state
 * (status, history from SUBMITTED on, assessment, risk decision and channel) and the notifications for its declarant.
 */
record NewDeclaration(StoredDeclaration declaration, List<Notice> notices, List<Runnable> ifNotStored) {
    NewDeclaration {
        Objects.requireNonNull(declaration, "declaration");
        notices = List.copyOf(notices);
        ifNotStored = List.copyOf(ifNotStored);
    }

    /**
     * Takes back what the acceptance steps learnt from this declaration (the model's history observed it when it was
     * scored): called when its write failed or rolled back, so that it is not counted as a declaration customs has.
     */
    void notStored() {
        for (Runnable r : ifNotStored) r.run();
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
