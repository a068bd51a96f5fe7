package org.smartcustoms.server.web;

import org.junit.jupiter.api.BeforeAll;
import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same browser flows on the real PostgreSQL (fresh schema). */
class WorkspaceBrowserPostgresTest extends AbstractWorkspaceBrowserTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
