package org.smartcustoms.server.web;

import org.smartcustoms.server.OnPostgres;

/** The hostile-request corpus on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class HostileRequestsPostgresTest extends AbstractHostileRequestsTest {
}
