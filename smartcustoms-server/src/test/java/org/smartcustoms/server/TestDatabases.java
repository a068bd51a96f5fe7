package org.smartcustoms.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Database targets for server tests: a fresh in-memory H2, or a fresh schema in the real PostgreSQL on
 * 127.0.0.1:5432. PostgreSQL tests skip on a developer machine without it, but fail under CI=true.
 */
public final class TestDatabases {
    private TestDatabases() { }

    public static void h2(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        r.add("spring.datasource.username", () -> "sa");
        r.add("spring.datasource.password", () -> "");
    }

    public static String pgUrl() {
        String url = System.getenv("SMARTCUSTOMS_TEST_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    public static String pgUser() {
        String u = System.getenv("SMARTCUSTOMS_TEST_PG_USER");
        return u == null || u.isBlank() ? "postgres" : u;
    }

    /** Call from {@code @BeforeAll}: skips without PostgreSQL locally, fails under CI=true. */
    public static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), System.getenv("SMARTCUSTOMS_TEST_PG_PASSWORD"))) {
            c.isValid(2);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required under CI=true but not reachable at " + pgUrl() + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + pgUrl() + ": " + e.getMessage());
        }
    }

    /** Creates a new schema for this test class and points the datasource and Flyway at it. */
    public static void postgres(DynamicPropertyRegistry r) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), System.getenv("SMARTCUSTOMS_TEST_PG_PASSWORD"))) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required under CI=true but not reachable at " + pgUrl() + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + pgUrl() + ": " + e.getMessage());
        }
        String sep = pgUrl().contains("?") ? "&" : "?";
        r.add("spring.datasource.url", () -> pgUrl() + sep + "currentSchema=" + schema);
        r.add("spring.datasource.username", TestDatabases::pgUser);
        r.add("spring.datasource.password", () -> System.getenv().getOrDefault("SMARTCUSTOMS_TEST_PG_PASSWORD", ""));
        r.add("spring.flyway.schemas", () -> schema);
        r.add("spring.flyway.default-schema", () -> schema);
    }
}
