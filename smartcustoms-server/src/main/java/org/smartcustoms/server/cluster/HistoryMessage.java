package org.smartcustoms.server.cluster;

import java.util.Objects;

import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * One record of the shared history: declaration {@code declarationId} was scored and stored on node {@code origin}
 * ({@code label} null), or an inspection outcome {@code label} was recorded for it there.
 */
record HistoryMessage(String origin, String declarationId, BulkRow.Label label) {
    HistoryMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(declarationId, "declarationId");
    }
}
