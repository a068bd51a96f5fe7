package org.smartcustoms.server.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Result tables submitted for output checking (research_output). */
@Repository
class JdbcResearchOutputStore {
    /** A submitted result table, the check's findings (JSON) and the steward's decision. */
    record Output(String id, String projectId, String researcher, String title, String flow, String dimensions, String tableCsv,
                  String findings, int flaggedCells, String status, String decidedBy, String decisionReason, Instant createdAt,
                  Instant decidedAt) { }

    private final JdbcTemplate jdbc;

    JdbcResearchOutputStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Timestamp ts(Instant i) { return i == null ? null : Timestamp.from(i); }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    void insert(Output o) {
        jdbc.update("INSERT INTO research_output (id, project_id, researcher, title, flow, dimensions, table_csv, findings, flagged_cells, "
                        + "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                o.id(), o.projectId(), o.researcher(), o.title(), o.flow(), o.dimensions(), o.tableCsv(), o.findings(), o.flaggedCells(),
                o.status(), ts(o.createdAt()));
    }

    /** Records the decision while the output is still CHECKED; false otherwise. */
    boolean decide(String id, String status, String by, String reason, Instant at) {
        return jdbc.update("UPDATE research_output SET status = ?, decided_by = ?, decision_reason = ?, decided_at = ? "
                + "WHERE id = ? AND status = 'CHECKED'", status, by, reason, ts(at), id) == 1;
    }

    private Output map(ResultSet rs, int n) throws SQLException {
        return new Output(rs.getString("id"), rs.getString("project_id"), rs.getString("researcher"), rs.getString("title"),
                rs.getString("flow"), rs.getString("dimensions"), rs.getString("table_csv"), rs.getString("findings"),
                rs.getInt("flagged_cells"), rs.getString("status"), rs.getString("decided_by"), rs.getString("decision_reason"),
                instant(rs, "created_at"), instant(rs, "decided_at"));
    }

    Optional<Output> output(String id) {
        return jdbc.query("SELECT * FROM research_output WHERE id = ?", this::map, id).stream().findFirst();
    }

    /** Newest first; {@code researcher} null = all. */
    List<Output> outputs(String researcher) {
        return researcher == null ? jdbc.query("SELECT * FROM research_output ORDER BY created_at DESC, id", this::map)
                : jdbc.query("SELECT * FROM research_output WHERE researcher = ? ORDER BY created_at DESC, id", this::map, researcher);
    }
}
