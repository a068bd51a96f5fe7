package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.OnPostgres;

/** The enforcement API on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class EnforcementApiPostgresTest extends AbstractEnforcementApiTest {
}
