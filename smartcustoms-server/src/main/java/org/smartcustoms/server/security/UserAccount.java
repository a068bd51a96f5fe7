package org.smartcustoms.server.security;

import java.util.Objects;

/** An authenticated user. {@code partyId} is set for traders (their EORI / importer number). */
public record UserAccount(long id, String username, Role role, String partyId, boolean enabled) {
    public UserAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role == Role.TRADER && (partyId == null || partyId.isBlank())) {
            throw new IllegalArgumentException("a TRADER user must be bound to a party id");
        }
    }

    public boolean isTrader() { return role == Role.TRADER; }

    /** Whether this user may see declarations of all parties. */
    public boolean isCustoms() { return role.isCustomsStaff(); }
}
