package org.smartcustoms.declaration;

import java.util.Objects;

/**
 * A party in a role on the declaration. {@code id} is the trader identification number (EORI, importer
 * number, ...); {@code name} and {@code country} are optional when the id is known to customs.
 * {@code category} is used for authorisation holders (the authorisation type, e.g. "CGU", "AEOC").
 */
public record Party(PartyRole role, String id, String name, String country, String category) {
    public Party {
        Objects.requireNonNull(role, "role");
        id = blankToNull(id);
        name = blankToNull(name);
        country = country == null || country.isBlank() ? null : country.trim().toUpperCase(java.util.Locale.ROOT);
        category = blankToNull(category);
    }

    public Party(PartyRole role, String id, String name, String country) {
        this(role, id, name, country, null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
