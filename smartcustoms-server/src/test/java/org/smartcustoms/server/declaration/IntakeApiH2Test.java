package org.smartcustoms.server.declaration;

import org.smartcustoms.server.OnH2;

/** Intake end to end on the embedded H2 database. */
@OnH2
class IntakeApiH2Test extends AbstractIntakeApiTest {
}
