package org.smartcustoms.server.consignment;

import java.io.IOException;
import java.io.InputStream;

import org.smartcustoms.consignment.Manifest;

/**
 * Cluster mode's manifest intake on the API node (docs/cluster.md): stores the body under a new manifest id and queues
 * it for the workers; returns once both are durable. Absent in single-node mode, where {@link ManifestIntake} decides
 * the manifest in the request.
 */
public interface ManifestQueue {
    /**
     * @throws org.smartcustoms.server.web.PayloadTooLargeException when the body is longer than the limit (nothing kept)
     */
    ManifestUpload enqueue(Manifest header, InputStream body, String actor) throws IOException;
}
