package org.smartcustoms.knowledge;

import java.time.Instant;
import java.util.Objects;

/** A knowledge-base entry as stored: the entry (with its version), whether it is in use, who changed it last and when. */
public record StoredEntry(KnowledgeEntry entry, boolean active, String updatedBy, Instant updatedAt) {
    public StoredEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
