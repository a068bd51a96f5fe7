package org.smartcustoms.server.declaration;

import org.smartcustoms.server.OnPostgres;

/** LRN/MRN search on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class ReferenceSearchApiPostgresTest extends AbstractReferenceSearchApiTest {
}
