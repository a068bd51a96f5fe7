package org.smartcustoms.server;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Before a test class: skips it without PostgreSQL locally, fails it under CI=true ({@link TestDatabases#requirePostgres()}). */
public final class RequirePostgres implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabases.requirePostgres();
    }
}
