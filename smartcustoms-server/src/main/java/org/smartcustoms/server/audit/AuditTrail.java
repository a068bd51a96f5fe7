package org.smartcustoms.server.audit;

/**
 * The tamper-evident record of every decision: who did what to which subject, when and why. Entries are
 * hash-chained (each entry's hash covers the previous entry's hash), so an edited or deleted row is
 * detectable by {@code bin/smartcustoms audit verify}.
 *
 * <p>The actions are the closed set {@link AuditAction}, the subjects {@link AuditSubject}. Notably:
 * <ul>
 * <li>risk changes are audited whoever makes them (API, CLI and demo loader alike, via RiskService /
 *     ModelRetraining);</li>
 * <li>TOKEN_ISSUED is also written for each web login's session token, TOKEN_REVOKED for admin revocation and
 *     logout;</li>
 * <li>LOGIN_FAILED has actor {@value #ANONYMOUS}, subject the username tried and details the client address;
 *     LOGIN_LOCKED has subject {@link AuditSubject#USER} or {@link AuditSubject#CLIENT};</li>
 * <li>DATA_EXPORTED has subject {@link AuditSubject#EXPORT}, details the filter and row count.</li>
 * </ul>
 * Changes are recorded in the same transaction as the change; callers never treat the trail as optional.
 */
public interface AuditTrail {
    /** The actor of automatic decisions. */
    String SYSTEM = "system";
    /** The actor of sign-in attempts before anyone is signed in. */
    String ANONYMOUS = "anonymous";

    /**
     * Appends an entry inside the caller's transaction.
     *
     * @param actor       username, or {@value #SYSTEM} for automatic decisions
     * @param action      what happened
     * @param subjectType what kind of thing it happened to
     * @param subjectId   the subject's id
     * @param reason      why (mandatory for officer overrides), may be null otherwise
     * @param details     a small JSON object with the facts of the decision, may be null
     */
    void record(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason, String details);

    /** An entry of a bulk writer's batch, as {@link #record} takes it. */
    record Entry(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason, String details) {
        public Entry {
            java.util.Objects.requireNonNull(action, "action");
        }
    }

    /** Entries prepared by {@link #prepare}, to be recorded with {@link #record(java.util.List)}. */
    interface Prepared {
        int size();
    }

    /**
     * Prepares a bulk writer's entries ahead of its transaction, on any thread (an implementation may do there the
     * work that does not depend on the chain, e.g. the entries' canonical form); they are timestamped now.
     */
    Prepared prepare(java.util.List<Entry> entries);

    /** Records prepared entries, part after part, inside the caller's transaction (as {@link #record} does each). */
    void record(java.util.List<Prepared> parts);
}
