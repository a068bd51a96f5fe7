package org.smartcustoms.server.consignment;

import org.smartcustoms.server.OnH2;

/** Manifests of low-value consignments end to end on the embedded H2 database. */
@OnH2
class ManifestApiH2Test extends AbstractManifestApiTest {
}
