package org.smartcustoms.server.knowledge;

import org.smartcustoms.server.OnH2;

/** Knowledge services end to end on the embedded H2 database. */
@OnH2
class KnowledgeApiH2Test extends AbstractKnowledgeApiTest {
}
