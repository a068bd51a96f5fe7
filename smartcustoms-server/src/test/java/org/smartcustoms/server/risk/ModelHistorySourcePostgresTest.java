package org.smartcustoms.server.risk;

import org.smartcustoms.server.OnPostgres;

/** {@link AbstractModelHistorySourceApiTest} on the real PostgreSQL at 127.0.0.1:5432 (its own reads of party histories). */
@OnPostgres
class ModelHistorySourcePostgresTest extends AbstractModelHistorySourceApiTest {
}
