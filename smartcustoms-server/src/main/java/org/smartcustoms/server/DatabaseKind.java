package org.smartcustoms.server;

import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which database a repository's {@link JdbcTemplate} talks to: PostgreSQL (production) or the embedded H2. Asked of
 * the connection's metadata once, on first use, and remembered: the repositories that write or read differently on
 * PostgreSQL (COPY, arrays, one-statement writes) each hold one.
 */
public final class DatabaseKind {
    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public DatabaseKind(JdbcTemplate jdbc) {
        this.jdbc = java.util.Objects.requireNonNull(jdbc, "jdbc");
    }

    public boolean isPostgres() {
        Boolean pg = postgres;
        if (pg == null) {
            pg = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
            postgres = pg;
        }
        return pg;
    }
}
