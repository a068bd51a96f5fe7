package org.smartcustoms.server.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smartcustoms.server.RequirePostgres;
import org.smartcustoms.server.TestDatabases;

/** Crash recovery on the real PostgreSQL at 127.0.0.1:5432: a fresh schema per test, dropped afterwards. */
@ExtendWith(RequirePostgres.class)
class CrashRecoveryPostgresTest extends AbstractCrashRecoveryTest {
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = TestDatabases.pgAdmin()) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        killChildren(); // before the drop: a live child could hold locks on the schema (runs before the superclass's)
        try (Connection c = TestDatabases.pgAdmin()) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    void database(Map<String, String> env, List<String> jvmArgs) {
        env.put("SMARTCUSTOMS_DB_URL", TestDatabases.pgUrl(schema));
        env.put("SMARTCUSTOMS_DB_USER", TestDatabases.pgUser());
        env.put("SMARTCUSTOMS_DB_PASSWORD", TestDatabases.pgPassword());
        jvmArgs.add("-Dspring.flyway.schemas=" + schema);
        jvmArgs.add("-Dspring.flyway.default-schema=" + schema);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabases.pgUrl(schema), TestDatabases.pgUser(), TestDatabases.pgPassword());
    }

    @Override
    String databaseName() {
        return "PostgreSQL";
    }
}
