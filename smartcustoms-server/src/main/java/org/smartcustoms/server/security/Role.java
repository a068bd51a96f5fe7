package org.smartcustoms.server.security;

/** Who a user is to customs. TRADER users are bound to a party id and see only their own declarations. */
public enum Role {
    TRADER, OFFICER, ANALYST, AUDITOR, ADMIN;

    public String authority() { return "ROLE_" + name(); }
}
