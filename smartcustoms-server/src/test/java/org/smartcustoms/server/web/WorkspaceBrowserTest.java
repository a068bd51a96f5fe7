package org.smartcustoms.server.web;

import org.smartcustoms.server.OnH2;

/** The browser flows on the embedded H2 database. */
@OnH2
class WorkspaceBrowserTest extends AbstractWorkspaceBrowserTest {
}
