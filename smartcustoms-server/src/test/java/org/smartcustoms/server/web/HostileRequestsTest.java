package org.smartcustoms.server.web;

import org.smartcustoms.server.OnH2;

/** The hostile-request corpus on the embedded H2 database. */
@OnH2
class HostileRequestsTest extends AbstractHostileRequestsTest {
}
