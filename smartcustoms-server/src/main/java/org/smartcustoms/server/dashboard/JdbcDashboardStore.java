package org.smartcustoms.server.dashboard;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link DashboardStore} on the declaration, inspection_result and status_history tables. */
@Repository
class JdbcDashboardStore implements DashboardStore {
    private final JdbcTemplate jdbc;

    JdbcDashboardStore(JdbcTemplate jdbc) {
        this.jdbc = streaming(jdbc);
    }

    @Override
    public void declarationsSubmitted(LocalDateTime from, LocalDateTime to, Consumer<SubmittedDeclaration> sink) {
        jdbc.query("SELECT id, submitted_at, risk_channel, risk_decision FROM declaration WHERE submitted_at >= ? AND submitted_at < ?", rs -> {
            sink.accept(new SubmittedDeclaration(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3), rs.getString(4)));
        }, Timestamp.valueOf(from), Timestamp.valueOf(to));
    }

    @Override
    public void outcomesOfDeclarationsSubmitted(LocalDateTime from, LocalDateTime to, Consumer<ResultOutcome> sink) {
        jdbc.query("""
                SELECT r.declaration_id, r.outcome FROM inspection_result r JOIN declaration d ON d.id = r.declaration_id
                WHERE d.submitted_at >= ? AND d.submitted_at < ?""", rs -> {
            sink.accept(new ResultOutcome(rs.getString(1), rs.getString(2)));
        }, Timestamp.valueOf(from), Timestamp.valueOf(to));
    }

    @Override
    public void additionalDutyRecorded(LocalDateTime from, LocalDateTime to, Consumer<RecoveredDuty> sink) {
        jdbc.query("SELECT currency, additional_duty FROM inspection_result WHERE additional_duty IS NOT NULL AND recorded_at >= ? AND recorded_at < ?",
                rs -> {
                    sink.accept(new RecoveredDuty(rs.getString(1), rs.getBigDecimal(2)));
                }, Timestamp.valueOf(from), Timestamp.valueOf(to));
    }

    @Override
    public void firstSubmittedAndReleased(LocalDateTime from, LocalDateTime to, Consumer<FirstStatus> sink) {
        jdbc.query("""
                SELECT h.declaration_id, h.status, MIN(h.at) FROM status_history h JOIN declaration d ON d.id = h.declaration_id
                WHERE d.submitted_at >= ? AND d.submitted_at < ? AND h.status IN ('SUBMITTED', 'RELEASED')
                GROUP BY h.declaration_id, h.status""", rs -> {
            sink.accept(new FirstStatus(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        }, Timestamp.valueOf(from), Timestamp.valueOf(to));
    }

    /** Same data source, but rows are fetched in batches so large tables stream instead of filling memory (PostgreSQL). */
    private static JdbcTemplate streaming(JdbcTemplate shared) {
        JdbcTemplate t = new JdbcTemplate(shared.getDataSource());
        t.setFetchSize(1000);
        return t;
    }
}
