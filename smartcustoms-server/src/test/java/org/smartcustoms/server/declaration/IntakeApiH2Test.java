package org.smartcustoms.server.declaration;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Intake end to end on the embedded H2 database. */
class IntakeApiH2Test extends AbstractIntakeApiTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
