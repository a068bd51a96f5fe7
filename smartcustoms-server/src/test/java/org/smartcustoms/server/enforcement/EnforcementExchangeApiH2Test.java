package org.smartcustoms.server.enforcement;

import org.smartcustoms.server.OnH2;

/** Enforcement exchange (import, export, photos, charts) on the embedded H2 database. */
@OnH2
class EnforcementExchangeApiH2Test extends AbstractEnforcementExchangeApiTest {
}
