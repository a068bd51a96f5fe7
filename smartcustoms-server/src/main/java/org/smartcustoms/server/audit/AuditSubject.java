package org.smartcustoms.server.audit;

import java.util.Optional;

/**
 * What an audit entry is about ({@code audit_event.subject_type}). The stored text is {@link #code()}, the
 * lower-case word earlier versions wrote, so existing entries hash the same.
 */
public enum AuditSubject {
    DECLARATION("declaration"),
    MANIFEST("manifest"),
    RULE("rule"),
    WATCHLIST("watchlist"),
    MODEL("model"),
    USER("user"),
    /** A client address (sign-in lock-out by address). */
    CLIENT("client"),
    /** A data export; the subject id names what was exported. */
    EXPORT("export"),
    TRAVELLER("traveller"),
    FLIGHT("flight"),
    PAYMENT("payment"),
    /** A knowledge-base entry of the inquiry assistant ("import" for a file import). */
    KB_ENTRY("kb_entry"),
    /** A helpdesk ticket (a question the assistant handed off). */
    HELPDESK_TICKET("helpdesk_ticket"),
    /** A published statistics table. */
    STATISTICS_TABLE("statistics-table"),
    /** A research project (and its extracts). */
    RESEARCH_PROJECT("research-project"),
    /** Enforcement database records (EnforcementService). */
    SEIZURE("seizure"),
    PERSON("person"),
    COMPANY("company"),
    SUSPICION("suspicion"),
    /** The enforcement database's targeting settings. */
    ENFORCEMENT("enforcement");

    private final String code;

    AuditSubject(String code) {
        this.code = code;
    }

    /** The stored text, e.g. {@code "declaration"}. */
    public String code() {
        return code;
    }

    public static Optional<AuditSubject> parse(String code) {
        if (code == null) return Optional.empty();
        for (AuditSubject s : values()) if (s.code.equals(code)) return Optional.of(s);
        return Optional.empty();
    }
}
