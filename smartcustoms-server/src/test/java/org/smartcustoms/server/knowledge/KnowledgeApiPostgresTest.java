package org.smartcustoms.server.knowledge;

import org.smartcustoms.server.OnPostgres;

/** Knowledge services end to end on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class KnowledgeApiPostgresTest extends AbstractKnowledgeApiTest {
}
