package org.smartcustoms.server.inspection;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Officer workspace end to end on the embedded H2 database. */
class InspectionApiH2Test extends AbstractWorkspaceApiTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
