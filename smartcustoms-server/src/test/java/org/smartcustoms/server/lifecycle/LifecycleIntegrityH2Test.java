package org.smartcustoms.server.lifecycle;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Lifecycle integrity on a fresh in-memory H2. */
class LifecycleIntegrityH2Test extends AbstractLifecycleIntegrityTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
