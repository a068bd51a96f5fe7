package org.smartcustoms.enforcement;

import java.util.Objects;

/** A node of the link chart, written {@code TYPE:ID} (e.g. {@code COMPANY:C-000012}). */
public record EntityRef(EntityType type, String id) {
    public EntityRef {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an entity needs an id");
        if (id.length() > 200) throw new IllegalArgumentException("entity id must be at most 200 characters");
    }

    /** Reads {@code TYPE:ID}. */
    public static EntityRef parse(String s) {
        if (s == null || s.indexOf(':') <= 0) throw new IllegalArgumentException("an entity is written TYPE:ID (e.g. COMPANY:C-000012), got '" + s + "'");
        int i = s.indexOf(':');
        return new EntityRef(EntityType.parse(s.substring(0, i)), s.substring(i + 1).strip());
    }

    @Override
    public String toString() { return type + ":" + id; }
}
