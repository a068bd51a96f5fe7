package org.smartcustoms.server.visibility;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Targeting never leaks to traders, on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
class TraderVisibilityPostgresTest extends AbstractTraderVisibilityTest {
    @org.junit.jupiter.api.BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
