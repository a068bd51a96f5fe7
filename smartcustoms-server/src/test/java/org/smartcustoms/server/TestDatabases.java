package org.smartcustoms.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Database targets for server tests: a fresh in-memory H2, or a fresh schema in the real PostgreSQL on
 * 127.0.0.1:5432. PostgreSQL tests skip on a developer machine without it, but fail under CI=true.
 * Spring tests pick one with {@link OnH2} or {@link OnPostgres}.
 */
public final class TestDatabases {
    private TestDatabases() { }

    /** Datasource properties for a new, empty in-memory H2 database. */
    public static Map<String, Object> h2() {
        return Map.of(
                "spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    public static String pgUrl() {
        String url = System.getenv("SMARTCUSTOMS_TEST_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    public static String pgUser() {
        String u = System.getenv("SMARTCUSTOMS_TEST_PG_USER");
        return u == null || u.isBlank() ? "postgres" : u;
    }

    public static String pgPassword() {
        return System.getenv().getOrDefault("SMARTCUSTOMS_TEST_PG_PASSWORD", "");
    }

    /** The PostgreSQL URL with {@code schema} as the current schema. */
    public static String pgUrl(String schema) {
        return pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A connection to the test database (no schema chosen). */
    public static Connection pgAdmin() throws SQLException {
        return DriverManager.getConnection(pgUrl(), pgUser(), System.getenv("SMARTCUSTOMS_TEST_PG_PASSWORD"));
    }

    /** Call before a class runs (see {@link RequirePostgres}): skips without PostgreSQL locally, fails under CI=true. */
    public static void requirePostgres() {
        try (Connection c = pgAdmin()) {
            c.isValid(2);
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    /** Creates a new schema and returns the properties that point the datasource and Flyway at it. */
    public static Map<String, Object> postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = pgAdmin()) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            unreachable(e);
        }
        return Map.of(
                "spring.datasource.url", pgUrl(schema),
                "spring.datasource.username", pgUser(),
                "spring.datasource.password", pgPassword(),
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema);
    }

    private static void unreachable(SQLException e) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("PostgreSQL is required under CI=true but not reachable at " + pgUrl() + ": " + e.getMessage(), e);
        }
        Assumptions.abort("PostgreSQL not reachable at " + pgUrl() + ": " + e.getMessage());
    }
}
