package org.smartcustoms.server.web;

import org.smartcustoms.server.OnPostgres;

/** The same browser flows on the real PostgreSQL (fresh schema). */
@OnPostgres
class WorkspaceBrowserPostgresTest extends AbstractWorkspaceBrowserTest {
}
