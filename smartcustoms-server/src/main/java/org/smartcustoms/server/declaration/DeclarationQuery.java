package org.smartcustoms.server.declaration;

import java.time.LocalDate;

import org.smartcustoms.declaration.DeclarationStatus;

/** Filters for listing declarations; null means "any". {@code party} restricts to a trader's own declarations. */
public record DeclarationQuery(DeclarationStatus status, String declarant, String party, LocalDate from,
                               LocalDate to, String office, String hsChapter, String importer, String channel,
                               String orderBy, int page, int size) {
    public DeclarationQuery {
        if (page < 0) throw new IllegalArgumentException("page must be >= 0");
        if (size < 1 || size > 500) throw new IllegalArgumentException("size must be between 1 and 500");
    }

    public static DeclarationQuery all() {
        return new DeclarationQuery(null, null, null, null, null, null, null, null, null, null, 0, 50);
    }
}
