package org.smartcustoms.server.inspection;

import org.smartcustoms.server.OnH2;

/** Officer workspace end to end on the embedded H2 database. */
@OnH2
class InspectionApiH2Test extends AbstractWorkspaceApiTest {
}
