package org.smartcustoms.server.web;

import org.junit.jupiter.api.BeforeAll;
import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hostile-request corpus on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
class HostileRequestsPostgresTest extends AbstractHostileRequestsTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
