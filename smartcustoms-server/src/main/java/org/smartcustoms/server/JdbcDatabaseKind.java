package org.smartcustoms.server;

import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which database the application's data source is (PostgreSQL or the embedded H2), asked of the driver once, at the
 * first use. Storage adapters choose their PostgreSQL-only paths (COPY, one-statement writes) by it.
 */
@Repository
public class JdbcDatabaseKind {
    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public JdbcDatabaseKind(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the database is PostgreSQL. */
    public boolean isPostgres() {
        Boolean pg = postgres;
        if (pg == null) {
            pg = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(Locale.ROOT).contains("postgres")));
            postgres = pg;
        }
        return pg;
    }
}
