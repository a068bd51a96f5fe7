package org.smartcustoms.server.lifecycle;

import org.junit.jupiter.api.BeforeAll;
import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Lifecycle property test on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
class LifecyclePropertyPostgresTest extends AbstractLifecyclePropertyTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
