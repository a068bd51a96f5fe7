package org.smartcustoms.server.knowledge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which declarations the classifier may learn from: released or cleared ones, in the order they were last updated. */
@Repository
class JdbcLearningSource {
    record Released(String id, Instant updatedAt) { }

    private final JdbcTemplate jdbc;

    JdbcLearningSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Released> releasedSince(Instant after, int limit) {
        return jdbc.query("""
                SELECT id, updated_at FROM declaration WHERE status IN ('RELEASED', 'CLEARED') AND updated_at > ?
                ORDER BY updated_at LIMIT ?""", (rs, n) -> new Released(rs.getString(1), rs.getTimestamp(2).toInstant()),
                Timestamp.from(after), limit);
    }
}
