package org.smartcustoms.enforcement;

import java.util.Locale;
import java.util.Objects;

/** A person or company involved in a seizure, and in what role (IMPORTER, EXPORTER, DECLARANT, CARRIER, COURIER, OWNER...). */
public record Involvement(EntityRef entity, String role) {
    public Involvement {
        Objects.requireNonNull(entity, "entity");
        if (entity.type() != EntityType.PERSON && entity.type() != EntityType.COMPANY) {
            throw new IllegalArgumentException("only persons and companies are involved in a seizure, not " + entity.type());
        }
        role = Codes.text("role", role, 40, false);
        role = role == null ? "INVOLVED" : role.toUpperCase(Locale.ROOT);
    }
}
