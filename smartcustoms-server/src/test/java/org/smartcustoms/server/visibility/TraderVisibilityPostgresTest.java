package org.smartcustoms.server.visibility;

import org.smartcustoms.server.OnPostgres;

/** Targeting never leaks to traders, on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class TraderVisibilityPostgresTest extends AbstractTraderVisibilityTest {
}
