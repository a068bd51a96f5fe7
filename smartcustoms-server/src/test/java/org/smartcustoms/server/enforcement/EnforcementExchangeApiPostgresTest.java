package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.OnPostgres;

/** Enforcement exchange (import, export, photos, charts) on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class EnforcementExchangeApiPostgresTest extends AbstractEnforcementExchangeApiTest {
}
