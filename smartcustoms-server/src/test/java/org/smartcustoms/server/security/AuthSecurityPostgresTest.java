package org.smartcustoms.server.security;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 9 security and audit end to end on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
class AuthSecurityPostgresTest extends AbstractAuthSecurityApiTest {
    @org.junit.jupiter.api.BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.postgres(r);
    }
}
