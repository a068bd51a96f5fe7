package org.smartcustoms.enforcement;

import java.util.Objects;

/** An edge of the link chart: {@code from} is linked to {@code to} in {@code role} (e.g. IMPORTER, SUBJECT, ADDRESS). */
public record Link(EntityRef from, EntityRef to, String role) {
    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        role = role == null || role.isBlank() ? "LINKED" : role.strip();
    }

    /** The other end seen from {@code e}, or null when {@code e} is neither end. */
    public EntityRef other(EntityRef e) {
        if (from.equals(e)) return to;
        if (to.equals(e)) return from;
        return null;
    }
}
