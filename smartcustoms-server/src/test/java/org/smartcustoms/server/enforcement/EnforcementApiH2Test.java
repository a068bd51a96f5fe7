package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.OnH2;

/** The enforcement API on the embedded H2 database. */
@OnH2
class EnforcementApiH2Test extends AbstractEnforcementApiTest {
}
