package org.smartcustoms.server.cluster;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.server.declaration.ControlLockedException;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's side of a queued amendment or cancellation: applied through the existing intake (ownership, control
 * lock, validation of the amended declaration, new version, audit, notification) and recorded under its submission
 * id in the same database transaction ({@code cluster_applied_change}). A record read again after a crash finds that
 * row and gets the recorded decision, so a change is applied once however often it is read. A change the intake
 * refuses is decided REJECTED with the reason, never retried for ever: the declaration is not the declarant's or does
 * not exist (NOT_FOUND, the same answer for both), is under control (CONTROL_LOCKED; the attempt is in the audit as
 * in single-node mode), cannot change in its state (INVALID_STATE) or the amended declaration is invalid (its
 * violations, and a DMSREJ notification as in single-node mode).
 */
class QueuedChanges {
    private final DeclarationIntake intake;
    private final JdbcAppliedChanges applied;
    private final TransactionTemplate tx;
    private final Clock clock;

    QueuedChanges(DeclarationIntake intake, JdbcAppliedChanges applied, PlatformTransactionManager transactions, Clock clock) {
        this.intake = intake;
        this.applied = applied;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What was done with the change, applying it if it was not applied before. */
    JdbcAppliedChanges.Applied apply(IntakeMessage m) {
        Optional<JdbcAppliedChanges.Applied> before = applied.find(m.declarationId());
        if (before.isPresent()) return before.get();
        try {
            return tx.execute(status -> {
                try {
                    StoredDeclaration s = intake.submit(m.declaration(), m.actor(), null).declaration();
                    return record(new JdbcAppliedChanges.Applied(m.declarationId(), m.key(), m.declaration().lrn(), s.id(),
                            s.version(), ClusterDecision.Outcome.DECIDED, List.of()));
                } catch (ControlLockedException e) {
                    // the intake keeps the refusal (audit entry, history) when it throws this: committed with the row
                    return record(refused(m, "CONTROL_LOCKED", e.getMessage()));
                }
            });
        } catch (DuplicateKeyException e) {
            return applied.find(m.declarationId()).orElseThrow(() -> e); // another worker applied it meanwhile
        } catch (InvalidDeclarationException e) {
            return recordRejection(m, new JdbcAppliedChanges.Applied(m.declarationId(), m.key(), m.declaration().lrn(),
                    null, null, ClusterDecision.Outcome.REJECTED, e.violations()), true);
        } catch (DeclarationNotFoundException e) {
            return recordRejection(m, refused(m, "NOT_FOUND", e.getMessage()), false);
        } catch (DeclarationStateException e) {
            return recordRejection(m, refused(m, "INVALID_STATE", e.getMessage()), false);
        }
    }

    private JdbcAppliedChanges.Applied record(JdbcAppliedChanges.Applied a) {
        applied.insert(a, clock.instant());
        return a;
    }

    /** A refusal that wrote nothing (its transaction rolled back): recorded on its own, with DMSREJ when invalid. */
    private JdbcAppliedChanges.Applied recordRejection(IntakeMessage m, JdbcAppliedChanges.Applied a, boolean notify) {
        try {
            return tx.execute(status -> {
                if (notify) intake.notifyRejected(m.key(), m.declaration().lrn(), a.reasons());
                return record(a);
            });
        } catch (DuplicateKeyException e) {
            return applied.find(m.declarationId()).orElseThrow(() -> e);
        }
    }

    private static JdbcAppliedChanges.Applied refused(IntakeMessage m, String code, String message) {
        return new JdbcAppliedChanges.Applied(m.declarationId(), m.key(), m.declaration().lrn(), null, null,
                ClusterDecision.Outcome.REJECTED, List.of(new Violation("", code, message == null ? code : message)));
    }
}
