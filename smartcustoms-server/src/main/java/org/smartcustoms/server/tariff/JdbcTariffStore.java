package org.smartcustoms.server.tariff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link TariffStore} on the {@code tariff_file} table. */
@Repository
class JdbcTariffStore implements TariffStore {
    private final JdbcTemplate jdbc;

    JdbcTariffStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void files(Consumer<TariffFile> sink) {
        jdbc.query("SELECT kind, name, content FROM tariff_file ORDER BY id", rs -> {
            sink.accept(new TariffFile(TariffFileKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
        });
    }

    @Override
    public void insertFile(TariffFileKind kind, String name, String content, Instant at, String actor) {
        jdbc.update("INSERT INTO tariff_file (kind, name, content, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)",
                kind.name(), name, content, Timestamp.from(at), actor);
    }
}
