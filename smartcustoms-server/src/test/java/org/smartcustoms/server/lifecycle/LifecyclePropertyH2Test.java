package org.smartcustoms.server.lifecycle;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Lifecycle property test on a fresh in-memory H2. */
class LifecyclePropertyH2Test extends AbstractLifecyclePropertyTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
