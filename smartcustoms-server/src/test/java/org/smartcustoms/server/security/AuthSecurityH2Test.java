package org.smartcustoms.server.security;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 9 security and audit end to end on the embedded H2 database. */
class AuthSecurityH2Test extends AbstractAuthSecurityApiTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
