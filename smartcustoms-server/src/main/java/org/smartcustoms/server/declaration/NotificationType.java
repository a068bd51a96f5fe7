package org.smartcustoms.server.declaration;

/**
 * The closed set of messages customs sends a declarant, modelled on the WCO DMS notification types. The
 * {@link #label} is the trader-facing name of the message (shown next to the code on the notifications page).
 */
public enum NotificationType {
    /** Declaration (or an amendment) accepted. */
    DMSACC("Accepted"),
    /** Declaration rejected (invalid, or by customs). */
    DMSREJ("Rejected"),
    /** Declaration selected for control. */
    DMSCTL("Under control"),
    /** Goods released. */
    DMSRCV("Released"),
    /** Declaration cleared. */
    DMSCLE("Cleared"),
    /** Duty and taxes assessed, or a payment order issued. */
    DMSTAX("Duty and taxes"),
    /** Declaration cancelled (invalidated). */
    DMSINV("Cancelled");

    private final String label;

    NotificationType(String label) {
        this.label = label;
    }

    public String label() { return label; }
}
