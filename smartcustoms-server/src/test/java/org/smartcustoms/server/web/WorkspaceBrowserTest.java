package org.smartcustoms.server.web;

import org.smartcustoms.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The browser flows on the embedded H2 database. */
class WorkspaceBrowserTest extends AbstractWorkspaceBrowserTest {
    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }
}
