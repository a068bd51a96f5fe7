package org.smartcustoms.server.consignment;

import org.smartcustoms.server.OnPostgres;

/** Manifests of low-value consignments end to end on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class ManifestApiPostgresTest extends AbstractManifestApiTest {
}
