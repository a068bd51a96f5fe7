package org.smartcustoms.server.inspection;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@link InspectionStore} on the {@code inspection_result} and {@code channel_override} tables. */
@Repository
class JdbcInspectionStore implements InspectionStore {
    private final JdbcTemplate jdbc;
    /** For the label queries: payloads are streamed, not loaded all at once (PostgreSQL). */
    private final JdbcTemplate streaming;

    JdbcInspectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(500);
    }

    @Override
    public long insertResult(String declarationId, String officer, InspectionOutcome outcome, InspectionRequest.Amount duty,
                             InspectionRequest.Seizure seizure, String notes, InspectionDecision decision, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO inspection_result (declaration_id, officer, outcome, additional_duty, currency, seizure_goods,
                      seizure_quantity, seizure_unit, seizure_concealment, seizure_location, notes, decision, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, declarationId);
            ps.setString(2, officer);
            ps.setString(3, outcome.name());
            ps.setBigDecimal(4, duty == null ? null : duty.amount());
            ps.setString(5, duty == null ? null : duty.currency());
            ps.setString(6, seizure == null ? null : seizure.goods());
            ps.setBigDecimal(7, seizure == null ? null : seizure.quantity());
            ps.setString(8, seizure == null ? null : seizure.unit());
            ps.setString(9, seizure == null ? null : seizure.concealment());
            ps.setString(10, seizure == null ? null : seizure.location());
            ps.setString(11, notes);
            ps.setString(12, decision.name());
            ps.setTimestamp(13, Timestamp.from(now));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    @Override
    public List<InspectionResult> results(String declarationId) {
        return jdbc.query("SELECT * FROM inspection_result WHERE declaration_id = ? ORDER BY id", JdbcInspectionStore::row, declarationId);
    }

    @Override
    public boolean hasSeizure(String declarationId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM inspection_result WHERE declaration_id = ? AND seizure_goods IS NOT NULL",
                Long.class, declarationId);
        return n != null && n > 0;
    }

    @Override
    public void insertOverride(String declarationId, String officer, String fromChannel, String toChannel, String reason, Instant at) {
        jdbc.update("INSERT INTO channel_override (declaration_id, officer, from_channel, to_channel, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
                declarationId, officer, fromChannel, toChannel, reason, Timestamp.from(at));
    }

    @Override
    public void outcomes(Consumer<OutcomeRow> sink) {
        streaming.query("SELECT declaration_id, outcome, seizure_goods FROM inspection_result", rs -> {
            sink.accept(new OutcomeRow(rs.getString(1), InspectionOutcome.valueOf(rs.getString(2)), rs.getString(3) != null));
        });
    }

    @Override
    public List<OutcomeRow> outcomes(String declarationId) {
        List<OutcomeRow> out = new ArrayList<>();
        streaming.query("SELECT outcome, seizure_goods FROM inspection_result WHERE declaration_id = ?", rs -> {
            out.add(new OutcomeRow(declarationId, InspectionOutcome.valueOf(rs.getString(1)), rs.getString(2) != null));
        }, declarationId);
        return out;
    }

    @Override
    public void inspectedDeclarations(Consumer<InspectedDeclaration> sink) {
        streaming.query("SELECT id, payload, submitted_at FROM declaration WHERE id IN (SELECT declaration_id FROM inspection_result)", rs -> {
            Timestamp at = rs.getTimestamp(3);
            sink.accept(new InspectedDeclaration(rs.getString(1), rs.getString(2), at == null ? null : at.toInstant()));
        });
    }

    static InspectionResult row(ResultSet rs, int n) throws SQLException {
        BigDecimal duty = rs.getBigDecimal("additional_duty");
        String goods = rs.getString("seizure_goods");
        return new InspectionResult(rs.getLong("id"), rs.getString("declaration_id"), rs.getString("officer"),
                InspectionOutcome.valueOf(rs.getString("outcome")),
                duty == null ? null : new InspectionRequest.Amount(duty, rs.getString("currency")),
                goods == null ? null : new InspectionRequest.Seizure(goods, rs.getBigDecimal("seizure_quantity"),
                        rs.getString("seizure_unit"), rs.getString("seizure_concealment"), rs.getString("seizure_location")),
                rs.getString("notes"), InspectionDecision.valueOf(rs.getString("decision")),
                rs.getTimestamp("recorded_at").toInstant(), null);
    }
}
