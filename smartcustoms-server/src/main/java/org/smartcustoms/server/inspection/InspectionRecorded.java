package org.smartcustoms.server.inspection;

import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * Published (inside the recording transaction) after an inspection result is stored, with the declaration's
 * label over all its results, so the model's history can learn the outcome without this package knowing the
 * model ({@code @TransactionalEventListener} to act only after commit).
 */
public record InspectionRecorded(String declarationId, InspectionResult result, BulkRow.Label label) { }
