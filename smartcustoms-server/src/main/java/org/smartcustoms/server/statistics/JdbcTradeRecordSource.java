package org.smartcustoms.server.statistics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.TradeRecord;
import org.smartcustoms.statistics.TradeRecordSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link TradeRecordSource} on the declaration and declaration_item tables. The statistical value and the duty
 * come from the stored tariff assessment (national currency); an item without one counts its declared value.
 * Declarations still SUBMITTED, REJECTED or CANCELLED never count; an amended declaration counts once (its
 * current version).
 */
@Repository
class JdbcTradeRecordSource implements TradeRecordSource {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    JdbcTradeRecordSource(JdbcTemplate shared) {
        this.jdbc = new JdbcTemplate(shared.getDataSource());
        this.jdbc.setFetchSize(1000);
    }

    @Override
    public void records(LocalDate from, LocalDate to, Consumer<TradeRecord> sink) {
        String[] lastId = {null};
        Map<Integer, long[]> assessed = new HashMap<>();
        jdbc.query("""
                SELECT d.id, d.type_code, d.office_id, d.importer_id, d.exporter_id, d.declarant_id, d.declaration_date,
                       d.assessment, i.sequence_no, i.commodity_code, i.origin_country, i.net_mass_kg, i.value_amount
                FROM declaration d JOIN declaration_item i ON i.declaration_id = d.id
                WHERE d.status NOT IN ('SUBMITTED', 'REJECTED', 'CANCELLED')
                  AND d.declaration_date >= ? AND d.declaration_date < ?
                ORDER BY d.id, i.sequence_no""", rs -> {
            Flow flow = Flow.ofTypeCode(rs.getString(2));
            String code = rs.getString(10);
            if (flow == null || code == null || code.length() < 6) return;
            String id = rs.getString(1);
            if (!id.equals(lastId[0])) {
                lastId[0] = id;
                assessed.clear();
                readAssessment(rs.getString(8), assessed);
            }
            String trader = flow == Flow.IMPORT ? rs.getString(4) : rs.getString(5);
            if (trader == null) trader = rs.getString(6);
            long[] a = assessed.get(rs.getInt(9));
            BigDecimal declared = rs.getBigDecimal(13);
            long value = a != null ? a[0] : declared == null ? 0 : Math.max(0, declared.longValue());
            long duty = a != null ? a[1] : 0;
            BigDecimal mass = rs.getBigDecimal(12);
            sink.accept(new TradeRecord(id, trader, flow, rs.getDate(7).toLocalDate(), code, rs.getString(11), rs.getString(3),
                    value, mass == null ? 0 : Math.max(0, mass.doubleValue()), duty));
        }, Date.valueOf(from), Date.valueOf(to));
    }

    /** Customs value and duty per item sequence, rounded to whole national currency units. */
    private void readAssessment(String text, Map<Integer, long[]> out) {
        if (text == null) return;
        try {
            JsonNode items = json.readTree(text).path("items");
            for (JsonNode item : items) {
                long value = Math.round(item.path("customsValue").path("amount").asDouble(0));
                long duty = Math.round(item.path("duty").path("amount").path("amount").asDouble(0));
                out.put(item.path("sequence").asInt(), new long[] {Math.max(0, value), Math.max(0, duty)});
            }
        } catch (java.io.IOException e) {
            // an unreadable assessment counts the declared values
        }
    }
}
