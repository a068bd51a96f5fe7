package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.TariffAssessment;

/**
 * Storage port for declarations. Callers run each submission in one transaction so nothing is half-stored.
 * Status is written only through {@link DeclarationIntake}'s lifecycle gate ({@link #changeStatus}).
 */
public interface DeclarationStore {
    /** Replaces the content with a new version and keeps the previous one in the version table. */
    void replaceContent(String id, Declaration d, int newVersion, FunctionCode functionCode, Instant at);

    Optional<StoredDeclaration> find(String id);

    /** Locks the declaration's row until the end of the transaction, then reads it (the lifecycle gate's first step). */
    Optional<StoredDeclaration> lock(String id);

    Optional<String> findIdByLrn(String declarantId, String lrn);

    /** The ids of those of {@code keys} already stored (absent keys are not in the map). */
    java.util.Map<DeclarantLrn, String> findIdsByLrn(List<DeclarantLrn> keys);

    /**
     * Writes new declarations as the intake concluded them (final status, history, assessment, risk, notifications)
     * in the caller's transaction, in bulk: JDBC batches, or COPY on PostgreSQL. A declarant + LRN already stored
     * fails the whole call (the caller's transaction must then roll back).
     */
    /**
     * Writes one concluded declaration as {@link #insertBatch} does, in the caller's transaction; false (and nothing
     * written) when a concurrent submission stored the same declarant + LRN first.
     */
    boolean insertConcluded(NewDeclaration declaration);

    void insertBatch(List<NewDeclaration> declarations);

    /** Whether {@link #insertCommitted} is available (PostgreSQL). */
    boolean commitsInOneStatement();

    /**
     * Outside any transaction: writes one concluded original and journals its audit entries as {@link #insertBatch}
     * and the audit trail would in one transaction, and commits, in one statement (one round trip to the database);
     * returns once committed. A declarant + LRN already stored stores nothing and throws
     * {@link org.springframework.dao.DuplicateKeyException}.
     */
    void insertCommitted(NewDeclaration declaration, List<org.smartcustoms.server.audit.AuditTrail.Entry> audits);

    /** Declarations encoded for the database by {@link #encode}, ahead of their write. */
    interface Encoded {
        int size();
    }

    /**
     * Encodes concluded declarations for {@link #insertEncoded} (their documents serialised, the rows in the form the
     * database takes them), on any thread, outside any transaction: the work of a write that needs no database.
     */
    Encoded encode(List<NewDeclaration> declarations);

    /** Writes encoded parts, in order, as {@link #insertBatch} writes declarations: one bulk statement per table. */
    void insertEncoded(List<Encoded> parts);

    /**
     * Moves the status from {@code from} to {@code to} and appends the history entry. Throws
     * {@link ConcurrentDeclarationChangeException} when the stored status is no longer {@code from}.
     */
    void changeStatus(String id, DeclarationStatus from, DeclarationStatus to, String reason, String actor, Instant at);

    void saveAssessment(String id, TariffAssessment assessment);

    /** Stores the engine's decision and the channel in force (which may be higher than the decision's). */
    void saveRisk(String id, RiskDecision decision, Channel channel);

    /** An officer's channel override; the engine's decision stays as it was. */
    void saveChannel(String id, Channel channel);

    /** Sets (officer name) or clears (null) the authorisation for the declarant to correct a controlled declaration. */
    void setCorrectionAuthorisation(String id, String officer);

    void addCorrection(PostClearanceCorrection correction);

    List<PostClearanceCorrection> corrections(String status, int limit);

    List<StoredDeclaration> list(DeclarationQuery q);

    long count(DeclarationQuery q);

    List<Declaration> versions(String id);

    void notify(String declarantId, String declarationId, String lrn, NotificationType type, String message, Instant at);

    /**
     * A declarant's notifications (all declarants' when null), newest first: at most {@code limit} with
     * {@code afterId < id < beforeId} ({@code beforeId} null: no upper bound).
     */
    List<Notification> notifications(String declarantId, long afterId, Long beforeId, int limit);
}
