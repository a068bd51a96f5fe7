package org.smartcustoms.server.visibility;

import org.smartcustoms.server.OnH2;

/** Targeting never leaks to traders, on H2. */
@OnH2
class TraderVisibilityTest extends AbstractTraderVisibilityTest {
}
