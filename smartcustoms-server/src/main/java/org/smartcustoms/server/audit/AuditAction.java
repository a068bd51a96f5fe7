package org.smartcustoms.server.audit;

import java.util.Optional;

/**
 * Every action the audit trail records. The stored text is the constant's {@link #name()}, exactly the string
 * earlier versions wrote, so the hash chain of existing data still verifies ({@link AuditHash} hashes the name).
 * {@link #label()} is the wording for people (auditor page, exports).
 */
public enum AuditAction {
    // declarations (DeclarationIntake, InspectionService)
    DECLARATION_SUBMITTED("Declaration submitted"),
    CHANNEL_DECISION("Channel decided"),
    STATUS_CHANGED("Status changed"),
    DECLARATION_AMENDED("Declaration amended"),
    POST_RELEASE_CORRECTION("Corrected after release"),
    CORRECTION_AUTHORISED("Post-release correction authorised"),
    DECLARATION_CANCELLED("Declaration cancelled"),
    AMENDMENT_REFUSED("Amendment refused"),
    CANCELLATION_REFUSED("Cancellation refused"),
    OFFICER_OVERRIDE("Officer override"),
    RESULT_RECORDED("Inspection result recorded"),
    ITEM_RECLASSIFIED("Item reclassified by customs"),
    // low-value consignments (ManifestIntake): one entry per manifest, with the file hash and a hash of every decision
    MANIFEST_SUBMITTED("Manifest of low-value consignments submitted"),
    // risk (RiskRules, RiskWatchLists, RiskModels, ModelRetraining)
    RULE_CREATED("Rule created"),
    RULE_CHANGED("Rule changed"),
    RULE_DISABLED("Rule disabled"),
    WATCHLIST_CHANGED("Watch list changed"),
    MODEL_REGISTERED("Model registered"),
    MODEL_PROMOTED("Model promoted to production"),
    MODEL_ROLLED_BACK("Model rolled back"),
    // users and tokens (UserDirectory)
    USER_CREATED("User created"),
    USER_ENABLED("User enabled"),
    USER_DISABLED("User disabled"),
    USER_ROLE_CHANGED("User roles changed"),
    TOKEN_ISSUED("Token issued"),
    TOKEN_REVOKED("Token revoked"),
    // sign-in (AuthController)
    LOGIN_FAILED("Sign-in failed"),
    LOGIN_LOCKED("Sign-in locked"),
    // exports (PostClearanceController)
    DATA_EXPORTED("Data exported"),
    // travellers (server.travel): officers' reads of traveller records, passenger lists, results, refunds, keys, purge
    TRAVEL_RECORDS_READ("Traveller records read"),
    TRAVEL_PASSENGERS_IMPORTED("Passenger list imported"),
    TRAVEL_RESULT_RECORDED("Traveller control result recorded"),
    TRAVEL_REFUND_REQUESTED("Refund requested"),
    TRAVEL_REFUND_DECIDED("Refund decided"),
    TRAVEL_KEY_ROTATED("QR signing key rotated"),
    TRAVEL_PURGED("Traveller records purged"),
    // knowledge services (InquiryAssistant)
    KB_ENTRY_CHANGED("Knowledge-base entry changed"),
    HELPDESK_REPLIED("Helpdesk replied to a hand-off"),
    // statistics and research (StatisticsService, ResearchService)
    STATISTICS_TABLE_PUBLISHED("Statistics table published"),
    RESEARCH_PROJECT_SUBMITTED("Research project submitted"),
    RESEARCH_PROJECT_DECIDED("Research project decided"),
    RESEARCH_EXTRACT_ISSUED("Research extract link issued"),
    RESEARCH_EXTRACT_DOWNLOADED("Research extract downloaded"),
    STATISTICS_REQUEST_REFUSED("Statistics or research request refused"),
    // enforcement and intelligence database (EnforcementService)
    ENFORCEMENT_RECORDED("Enforcement record stored"),
    ENFORCEMENT_READ("Restricted enforcement record read"),
    ENFORCEMENT_WEIGHT_CHANGED("Enforcement hit weight changed"),
    ENFORCEMENT_EXPORTED("Enforcement cases exported"),
    RESEARCH_OUTPUT_SUBMITTED("Research output submitted for checking"),
    RESEARCH_OUTPUT_DECIDED("Research output released or refused"),
    DECLARATION_DATA_EXPORTED("Declaration data exported"),
    RELEASE_WAITING("Release waits for payment or guarantee"),
    ORDER_PAYMENT_RECEIVED("Payment order paid"),
    ORDER_REFUND_REQUESTED("Payment order refund requested"),
    ORDER_REFUND_DECIDED("Payment order refund decided"),
    GUARANTEE_REGISTERED("Guarantee registered");

    /** The {@code audit_event.action} column holds at most this many characters. */
    static final int MAX_LENGTH = 32;

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** Human wording, e.g. "Rule disabled". */
    public String label() {
        return label;
    }

    /** The action stored as {@code text}, empty for text no version of this code wrote. */
    public static Optional<AuditAction> parse(String text) {
        if (text == null) return Optional.empty();
        for (AuditAction a : values()) if (a.name().equals(text)) return Optional.of(a);
        return Optional.empty();
    }
}
