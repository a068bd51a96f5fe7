package org.smartcustoms.server.lifecycle;

import org.smartcustoms.server.OnPostgres;

/** Lifecycle integrity on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class LifecycleIntegrityPostgresTest extends AbstractLifecycleIntegrityTest {
}
