package org.smartcustoms.server.audit;

/**
 * The tamper-evident record of every decision: who did what to which subject, when and why. Entries are
 * hash-chained (each entry's hash covers the previous entry's hash), so an edited or deleted row is
 * detectable by {@code bin/smartcustoms audit verify}.
 *
 * <p>Actions used across the system: CHANNEL_DECISION, OFFICER_OVERRIDE, RESULT_RECORDED, RULE_CREATED,
 * RULE_CHANGED, RULE_DISABLED, WATCHLIST_CHANGED, MODEL_REGISTERED, MODEL_PROMOTED, MODEL_ROLLED_BACK,
 * USER_CREATED, USER_ENABLED, USER_DISABLED, TOKEN_ISSUED.
 */
public interface AuditTrail {
    /**
     * Appends an entry inside the caller's transaction.
     *
     * @param actor       username, or "system" for automatic decisions
     * @param action      one of the actions above
     * @param subjectType e.g. "declaration", "rule", "model", "user"
     * @param subjectId   the subject's id
     * @param reason      why (mandatory for officer overrides), may be null otherwise
     * @param details     a small JSON object with the facts of the decision, may be null
     */
    void record(String actor, String action, String subjectType, String subjectId, String reason, String details);
}
