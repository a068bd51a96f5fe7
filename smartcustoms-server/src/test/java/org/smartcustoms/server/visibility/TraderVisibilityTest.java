package org.smartcustoms.server.visibility;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Targeting never leaks to traders, on H2. */
class TraderVisibilityTest extends AbstractTraderVisibilityTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
