package org.smartcustoms.server.statistics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The goods items of accepted declarations (current version; never SUBMITTED, REJECTED or CANCELLED) in the Japan
 * Customs declaration data layout, with the party names from the declaration and the taxation base and duty from
 * its stored tariff assessment.
 */
@Repository
class JdbcDeclarationDataSource {
    /** One row of the layout. Money in national currency except the invoice price (in its own currency). */
    record Row(String declarationNumber, LocalDate date, String flow, String shipperName, String importerNumber, String importerName,
               String hsCode, BigDecimal invoicePrice, String invoiceCurrency, BigDecimal taxationBaseValue, String taxationBaseCurrency,
               BigDecimal duty, BigDecimal quantity, String unit) { }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    JdbcDeclarationDataSource(JdbcTemplate shared) {
        this.jdbc = new JdbcTemplate(shared.getDataSource());
        this.jdbc.setFetchSize(1000);
    }

    void rows(LocalDate from, LocalDate toExclusive, Consumer<Row> sink) {
        String[] lastId = {null};
        Map<String, String> names = new HashMap<>();
        Map<Integer, JsonNode> assessed = new HashMap<>();
        String[] currency = {null};
        jdbc.query("""
                SELECT d.id, d.declaration_date, d.type_code, d.importer_id, d.payload, d.assessment, i.sequence_no, i.commodity_code,
                       i.value_amount, i.value_currency, i.quantity, i.quantity_unit
                FROM declaration d JOIN declaration_item i ON i.declaration_id = d.id
                WHERE d.status NOT IN ('SUBMITTED', 'REJECTED', 'CANCELLED')
                  AND d.declaration_date >= ? AND d.declaration_date < ?
                ORDER BY d.declaration_date, d.id, i.sequence_no""", rs -> {
            String id = rs.getString(1);
            if (!id.equals(lastId[0])) {
                lastId[0] = id;
                names.clear();
                assessed.clear();
                currency[0] = null;
                try {
                    for (JsonNode p : json.readTree(rs.getString(5)).path("parties")) {
                        names.putIfAbsent(p.path("role").asText(), p.path("name").asText(null));
                        names.putIfAbsent(p.path("role").asText() + "#id", p.path("id").asText(null));
                    }
                    String a = rs.getString(6);
                    if (a != null) {
                        JsonNode root = json.readTree(a);
                        currency[0] = root.path("currency").asText(null);
                        for (JsonNode item : root.path("items")) assessed.put(item.path("sequence").asInt(), item);
                    }
                } catch (java.io.IOException e) {
                    // unreadable stored JSON: names and assessment stay empty
                }
            }
            String type = rs.getString(3);
            String flow = type != null && type.startsWith("EX") ? "export" : "import";
            String shipper = names.getOrDefault("EXPORTER", names.get("SELLER"));
            if (shipper == null) shipper = names.get("CONSIGNOR");
            String importerNo = rs.getString(4) != null ? rs.getString(4) : names.get("IMPORTER#id");
            JsonNode a = assessed.get(rs.getInt(7));
            BigDecimal base = a == null || a.path("customsValue").path("amount").isMissingNode() ? null
                    : a.path("customsValue").path("amount").decimalValue();
            BigDecimal duty = a == null || a.path("duty").path("amount").path("amount").isMissingNode() ? null
                    : a.path("duty").path("amount").path("amount").decimalValue();
            String baseCurrency = a == null ? null : a.path("customsValue").path("currency").asText(currency[0]);
            sink.accept(new Row(id, rs.getDate(2).toLocalDate(), flow, shipper, importerNo, names.get("IMPORTER"), rs.getString(8),
                    rs.getBigDecimal(9), rs.getString(10), base, baseCurrency, duty, rs.getBigDecimal(11), rs.getString(12)));
        }, Date.valueOf(from), Date.valueOf(toExclusive));
    }
}
