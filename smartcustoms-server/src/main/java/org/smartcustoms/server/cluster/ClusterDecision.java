package org.smartcustoms.server.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.Violation;

/**
 * What a worker decided for one queued submission, published on the decisions topic in the same Kafka transaction
 * as the intake offsets: {@code DECIDED} (stored, assessed, scored and routed: status and channel), {@code DUPLICATE}
 * (the declarant had already used the LRN: {@code storedId} is that declaration) or {@code REJECTED} (not stored,
 * with every reason). For a queued amendment or cancellation {@code declarationId} is the submission id, {@code storedId}
 * the declaration it changed and {@code version} the version it made (REJECTED: the reasons, e.g. NOT_FOUND,
 * CONTROL_LOCKED).
 */
public record ClusterDecision(String declarationId, String declarantId, String lrn, Outcome outcome,
                              DeclarationStatus status, String channel, String storedId, List<Violation> violations,
                              String worker, Instant decidedAt, Integer version, ManifestCounts manifest) {
    /**
     * {@code MANIFEST}: a queued manifest of low-value consignments is stored ({@code declarationId} and
     * {@code storedId} are the manifest id, {@code declarantId} the submitting party, {@code lrn} its reference,
     * {@code manifest} the counts). A manifest that cannot be read at all is {@code REJECTED} with the reasons.
     */
    public enum Outcome { DECIDED, DUPLICATE, REJECTED, MANIFEST }

    /** The counts of a stored manifest. */
    public record ManifestCounts(int rowsRead, int accepted, int rejected, int duplicates, int released, int held) { }

    /** A declaration's decision (no manifest counts). */
    public ClusterDecision(String declarationId, String declarantId, String lrn, Outcome outcome, DeclarationStatus status,
                           String channel, String storedId, List<Violation> violations, String worker, Instant decidedAt,
                           Integer version) {
        this(declarationId, declarantId, lrn, outcome, status, channel, storedId, violations, worker, decidedAt, version, null);
    }

    public ClusterDecision {
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(decidedAt, "decidedAt");
        violations = violations == null ? List.of() : List.copyOf(violations);
        if ((outcome == Outcome.REJECTED) == (storedId != null)) {
            throw new IllegalArgumentException("a rejected submission has no stored declaration, any other has one");
        }
        if ((outcome == Outcome.MANIFEST) != (manifest != null)) {
            throw new IllegalArgumentException("a stored manifest's decision has its counts, no other has");
        }
    }
}
