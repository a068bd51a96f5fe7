package org.smartcustoms.server.risk;

import org.smartcustoms.server.OnH2;

/** {@link AbstractModelHistorySourceApiTest} on H2. */
@OnH2
class ModelHistorySourceApiTest extends AbstractModelHistorySourceApiTest {
}
