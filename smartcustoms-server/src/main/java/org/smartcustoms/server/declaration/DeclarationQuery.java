package org.smartcustoms.server.declaration;

import java.time.LocalDate;
import java.util.regex.Pattern;

import org.smartcustoms.declaration.DeclarationStatus;

/**
 * Filters for listing declarations; null means "any". {@code party} restricts to a trader's own declarations;
 * {@code reference} finds declarations whose MRN (id) or LRN contains it (case-insensitive).
 */
public record DeclarationQuery(DeclarationStatus status, String declarant, String party, LocalDate from,
                               LocalDate to, String office, String hsChapter, String importer, String channel,
                               String orderBy, int page, int size, String reference) {
    /** What a reference search may contain: the characters of MRNs and LRNs, 2 to 35 of them. */
    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/:-]{1,34}");

    public DeclarationQuery {
        if (page < 0) throw new IllegalArgumentException("page must be >= 0");
        if (size < 1 || size > 500) throw new IllegalArgumentException("size must be between 1 and 500");
        if (from != null && to != null && from.isAfter(to)) throw new IllegalArgumentException("from must not be after to");
        if (reference != null) {
            reference = reference.strip();
            if (reference.isEmpty()) {
                reference = null;
            } else if (!REFERENCE.matcher(reference).matches()) {
                throw new IllegalArgumentException("q (LRN or MRN) must be 2 to 35 letters, digits or . _ / : - characters");
            }
        }
    }

    public DeclarationQuery(DeclarationStatus status, String declarant, String party, LocalDate from, LocalDate to,
                            String office, String hsChapter, String importer, String channel, String orderBy, int page, int size) {
        this(status, declarant, party, from, to, office, hsChapter, importer, channel, orderBy, page, size, null);
    }

    public static DeclarationQuery all() {
        return new DeclarationQuery(null, null, null, null, null, null, null, null, null, null, 0, 50);
    }
}
