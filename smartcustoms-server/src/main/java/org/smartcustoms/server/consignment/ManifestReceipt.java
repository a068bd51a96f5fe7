package org.smartcustoms.server.consignment;

import java.util.List;

/**
 * The answer to a manifest upload: the stored manifest with its counts and the rejected rows with every reason (the
 * first {@value ManifestIntake#RECEIPT_REJECTED_ROWS}; all of them page by page at
 * {@code GET /api/v1/manifests/{id}/rejected-rows}).
 */
public record ManifestReceipt(StoredManifest manifest, List<RejectedRow> rejectedRows, boolean rejectedRowsTruncated) {
    public ManifestReceipt {
        rejectedRows = List.copyOf(rejectedRows);
    }
}
