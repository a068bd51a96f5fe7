package org.smartcustoms.server.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who a user is to customs. TRADER users are bound to a party id and see only their own declarations.
 *
 * <p>Access is deny-by-default: only the {@linkplain #CUSTOMS_STAFF customs staff} roles reach the declaration,
 * risk and workspace API; every other role reaches only the paths its capability grants it through an
 * {@link ApiAccess} bean.
 */
public enum Role {
    TRADER, OFFICER, ANALYST, AUDITOR, ADMIN,
    /** Intelligence unit: the enforcement and intelligence database (need-to-know on restricted records). */
    INTELLIGENCE,
    /** An e-gate or border-control device: scans travellers' QR codes, nothing else. */
    GATE,
    /** Helpdesk staff: answer the public inquiries handed off by the assistant. */
    HELPDESK,
    /** External researcher: approved research extracts only. */
    RESEARCHER,
    /** Statistics data steward: publishes tables, approves research requests. */
    DATA_STEWARD;

    /** Roles that may see declarations of all parties and work on them. */
    public static final Set<Role> CUSTOMS_STAFF = EnumSet.of(OFFICER, ANALYST, AUDITOR, ADMIN, INTELLIGENCE);

    /**
     * {@link #CUSTOMS_STAFF} as a Spring Security expression, for {@code @PreAuthorize} on reads open to all customs
     * staff (an annotation needs a constant; RoleTest keeps the two equal).
     */
    public static final String CUSTOMS_STAFF_EXPRESSION = "hasAnyRole('OFFICER','ANALYST','AUDITOR','ADMIN','INTELLIGENCE')";

    public String authority() { return "ROLE_" + name(); }

    public boolean isCustomsStaff() { return CUSTOMS_STAFF.contains(this); }
}
