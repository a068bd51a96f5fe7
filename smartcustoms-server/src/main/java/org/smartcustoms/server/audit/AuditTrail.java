package org.smartcustoms.server.audit;

/**
 * The tamper-evident record of every decision: who did what to which subject, when and why. Entries are
 * hash-chained (each entry's hash covers the previous entry's hash), so an edited or deleted row is
 * detectable by {@code bin/smartcustoms audit verify}.
 *
 * <p>Actions used across the system:
 * <ul>
 * <li>declarations: CHANNEL_DECISION, OFFICER_OVERRIDE, RESULT_RECORDED;</li>
 * <li>risk (API, CLI and demo loader alike, via RiskService / ModelRetraining): RULE_CREATED, RULE_CHANGED,
 *     RULE_DISABLED, WATCHLIST_CHANGED, MODEL_REGISTERED, MODEL_PROMOTED, MODEL_ROLLED_BACK;</li>
 * <li>users (API and CLI, via UserDirectory): USER_CREATED, USER_ENABLED, USER_DISABLED, USER_ROLE_CHANGED,
 *     TOKEN_ISSUED (also each web login's session token), TOKEN_REVOKED (admin revocation and logout);</li>
 * <li>sign-in: LOGIN_FAILED (actor "anonymous", subject the username tried, details the client address),
 *     LOGIN_LOCKED (subject type "user" or "client");</li>
 * <li>exports: DATA_EXPORTED (subject type "export", details the filter and row count).</li>
 * </ul>
 * Changes are recorded in the same transaction as the change; callers never treat the trail as optional.
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
