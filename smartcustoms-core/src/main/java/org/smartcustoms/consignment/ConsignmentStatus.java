package org.smartcustoms.consignment;

/** What customs decided for a low-value consignment. */
public enum ConsignmentStatus {
    /** Released for free circulation; duty and taxes (if any) are charged to the submitter's account. */
    RELEASED,
    /** Held for customs control before release. */
    HELD
}
