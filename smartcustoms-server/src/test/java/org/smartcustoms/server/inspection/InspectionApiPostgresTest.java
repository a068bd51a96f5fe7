package org.smartcustoms.server.inspection;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Officer workspace and audit chain on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
class InspectionApiPostgresTest extends AbstractWorkspaceApiTest {
    @org.junit.jupiter.api.BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
