package org.smartcustoms.server.postclearance;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link PostClearanceStore} on the declaration, declaration_item and inspection_result tables. */
@Repository
class JdbcPostClearanceStore implements PostClearanceStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcPostClearanceStore.class);
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    JdbcPostClearanceStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = streaming(jdbc);
        this.mapper = mapper;
    }

    @Override
    public void releasedItems(Consumer<ReleasedItem> sink) {
        jdbc.query("""
                SELECT i.declaration_id, i.sequence_no, d.declaration_date, i.commodity_code, i.origin_country, i.value_currency,
                  i.net_mass_kg, i.quantity, i.value_amount
                FROM declaration_item i JOIN declaration d ON d.id = i.declaration_id
                WHERE d.status IN ('RELEASED', 'CLEARED') ORDER BY i.declaration_id, i.sequence_no""", rs -> {
            java.sql.Date date = rs.getDate(3);
            sink.accept(new ReleasedItem(rs.getString(1), rs.getInt(2), date == null ? null : date.toLocalDate(), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)));
        });
    }

    @Override
    public void resultOutcomes(Consumer<ResultOutcome> sink) {
        jdbc.query("SELECT declaration_id, outcome FROM inspection_result ORDER BY id", rs -> {
            sink.accept(new ResultOutcome(rs.getString(1), rs.getString(2)));
        });
    }

    @Override
    public void releasedDeclarations(Consumer<ReleasedDeclaration> sink) {
        jdbc.query("SELECT id, lrn, importer_id, declarant_id, status, risk_score, risk_decision, assessment FROM declaration WHERE status IN ('RELEASED', 'CLEARED')", rs -> {
            int s = rs.getInt(6);
            Integer score = rs.wasNull() ? null : s;
            String id = rs.getString(1);
            sink.accept(new ReleasedDeclaration(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    score, read(rs.getString(7), RiskDecision.class, id), read(rs.getString(8), TariffAssessment.class, id)));
        });
    }

    /** A stored JSON document as its type; null when absent, or unreadable (logged: the ranking goes on without it). */
    private <T> T read(String json, Class<T> type, String id) {
        if (json == null || json.isBlank()) return null;
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("Stored {} of declaration {} is unreadable; ranked without it", type.getSimpleName(), id);
            return null;
        }
    }

    /** Same data source, but rows are fetched in batches so large tables stream instead of filling memory (PostgreSQL). */
    private static JdbcTemplate streaming(JdbcTemplate shared) {
        JdbcTemplate t = new JdbcTemplate(shared.getDataSource());
        t.setFetchSize(1000);
        return t;
    }
}
