package org.smartcustoms.server.inspection;

import org.smartcustoms.server.OnPostgres;

/** Officer workspace and audit chain on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class InspectionApiPostgresTest extends AbstractWorkspaceApiTest {
}
