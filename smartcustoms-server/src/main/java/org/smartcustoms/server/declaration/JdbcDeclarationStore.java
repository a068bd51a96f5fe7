package org.smartcustoms.server.declaration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.PartyRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import org.smartcustoms.declaration.json.DeclarationJson;

/** JDBC implementation of {@link DeclarationStore}; plain portable SQL for H2 and PostgreSQL. */
@Repository
class JdbcDeclarationStore implements DeclarationStore {
    private final JdbcTemplate jdbc;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);

    JdbcDeclarationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(String id, Declaration d, DeclarationStatus status, Instant at) {
        Money total = d.totalItemValue();
        Timestamp ts = Timestamp.from(at);
        jdbc.update("""
                INSERT INTO declaration (id, lrn, declarant_id, type_code, office_id, importer_id, exporter_id,
                  declaration_date, status, version, item_count, total_value, total_currency, payload, submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)""",
                id, d.lrn(), d.declarantId(), d.type().combined(), d.officeId(),
                d.party(PartyRole.IMPORTER).map(p -> p.id()).orElse(null),
                d.party(PartyRole.EXPORTER).map(p -> p.id()).orElse(null),
                d.declarationDate() == null ? null : java.sql.Date.valueOf(d.declarationDate()),
                status.name(), d.items().size(), total == null ? null : total.amount(),
                total == null ? null : total.currency(), write(d), ts, ts);
        insertItems(id, d);
        jdbc.update("INSERT INTO declaration_version (declaration_id, version, function_code, payload, created_at) VALUES (?, 1, ?, ?, ?)",
                id, d.functionCode(), write(d), ts);
        jdbc.update("INSERT INTO status_history (declaration_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)",
                id, status.name(), "submitted", d.declarantId(), ts);
    }

    private void insertItems(String id, Declaration d) {
        List<Object[]> rows = new ArrayList<>();
        for (GoodsItem i : d.items()) {
            Money v = i.statisticalValue() != null ? i.statisticalValue() : i.customsValue();
            rows.add(new Object[] {id, i.sequence(), i.commodityCode(), i.originCountry(), i.netMassKg(),
                    i.quantity() == null ? null : i.quantity().value(), i.quantity() == null ? null : i.quantity().unit(),
                    v == null ? null : v.amount(), v == null ? null : v.currency()});
        }
        jdbc.batchUpdate("""
                INSERT INTO declaration_item (declaration_id, sequence_no, commodity_code, origin_country, net_mass_kg,
                  quantity, quantity_unit, value_amount, value_currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    @Override
    public void replaceContent(String id, Declaration d, int newVersion, String functionCode, Instant at) {
        Money total = d.totalItemValue();
        Timestamp ts = Timestamp.from(at);
        jdbc.update("""
                UPDATE declaration SET office_id = ?, importer_id = ?, exporter_id = ?, declaration_date = ?, version = ?,
                  item_count = ?, total_value = ?, total_currency = ?, payload = ?, updated_at = ? WHERE id = ?""",
                d.officeId(), d.party(PartyRole.IMPORTER).map(p -> p.id()).orElse(null),
                d.party(PartyRole.EXPORTER).map(p -> p.id()).orElse(null),
                d.declarationDate() == null ? null : java.sql.Date.valueOf(d.declarationDate()), newVersion,
                d.items().size(), total == null ? null : total.amount(), total == null ? null : total.currency(),
                write(d), ts, id);
        jdbc.update("DELETE FROM declaration_item WHERE declaration_id = ?", id);
        insertItems(id, d);
        jdbc.update("INSERT INTO declaration_version (declaration_id, version, function_code, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                id, newVersion, functionCode, write(d), ts);
    }

    @Override
    public Optional<StoredDeclaration> find(String id) {
        List<StoredDeclaration> found = jdbc.query("SELECT * FROM declaration WHERE id = ?", this::row, id);
        if (found.isEmpty()) return Optional.empty();
        StoredDeclaration s = found.get(0);
        List<StoredDeclaration.StatusChange> history = jdbc.query(
                "SELECT status, at, reason, actor FROM status_history WHERE declaration_id = ? ORDER BY id",
                (rs, n) -> new StoredDeclaration.StatusChange(DeclarationStatus.valueOf(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)), id);
        return Optional.of(new StoredDeclaration(s.id(), s.declaration(), s.status(), s.version(), s.submittedAt(),
                s.updatedAt(), history, s.assessment(), s.riskDecision(), s.riskScore(), s.riskChannel(), s.modelVersion()));
    }

    @Override
    public Optional<String> findIdByLrn(String declarantId, String lrn) {
        return jdbc.queryForList("SELECT id FROM declaration WHERE declarant_id = ? AND lrn = ?", String.class,
                declarantId, lrn).stream().findFirst();
    }

    @Override
    public void changeStatus(String id, DeclarationStatus status, String reason, String actor, Instant at) {
        jdbc.update("UPDATE declaration SET status = ?, updated_at = ? WHERE id = ?", status.name(), Timestamp.from(at), id);
        jdbc.update("INSERT INTO status_history (declaration_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)",
                id, status.name(), reason, actor, Timestamp.from(at));
    }

    @Override
    public void saveAssessment(String id, String assessmentJson) {
        jdbc.update("UPDATE declaration SET assessment = ? WHERE id = ?", assessmentJson, id);
    }

    @Override
    public void saveRisk(String id, int score, String channel, String decisionJson, String modelVersion) {
        jdbc.update("UPDATE declaration SET risk_score = ?, risk_channel = ?, risk_decision = ?, model_version = ? WHERE id = ?",
                score, channel, decisionJson, modelVersion, id);
    }

    @Override
    public List<StoredDeclaration> list(DeclarationQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        String order = "risk".equals(q.orderBy()) ? " ORDER BY risk_score DESC NULLS LAST, submitted_at, id" : " ORDER BY submitted_at DESC, id";
        args.add(q.size());
        args.add((long) q.page() * q.size());
        return jdbc.query("SELECT * FROM declaration" + where + order + " LIMIT ? OFFSET ?", this::row, args.toArray());
    }

    @Override
    public long count(DeclarationQuery q) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM declaration" + where(q, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(DeclarationQuery q, List<Object> args) {
        StringBuilder sb = new StringBuilder(" WHERE 1 = 1");
        if (q.status() != null) { sb.append(" AND status = ?"); args.add(q.status().name()); }
        if (q.declarant() != null) { sb.append(" AND declarant_id = ?"); args.add(q.declarant()); }
        if (q.party() != null) { sb.append(" AND (declarant_id = ? OR importer_id = ? OR exporter_id = ?)"); args.add(q.party()); args.add(q.party()); args.add(q.party()); }
        if (q.from() != null) { sb.append(" AND submitted_at >= ?"); args.add(Timestamp.valueOf(q.from().atStartOfDay())); }
        if (q.to() != null) { sb.append(" AND submitted_at < ?"); args.add(Timestamp.valueOf(q.to().plusDays(1).atStartOfDay())); }
        if (q.office() != null) { sb.append(" AND office_id = ?"); args.add(q.office()); }
        if (q.importer() != null) { sb.append(" AND importer_id = ?"); args.add(q.importer()); }
        if (q.channel() != null) { sb.append(" AND risk_channel = ?"); args.add(q.channel()); }
        if (q.hsChapter() != null) {
            sb.append(" AND EXISTS (SELECT 1 FROM declaration_item i WHERE i.declaration_id = declaration.id AND i.commodity_code LIKE ?)");
            args.add(q.hsChapter() + "%");
        }
        return sb.toString();
    }

    @Override
    public List<Declaration> versions(String id) {
        return jdbc.query("SELECT payload FROM declaration_version WHERE declaration_id = ? ORDER BY version",
                (rs, n) -> read(rs.getString(1)), id);
    }

    @Override
    public void notify(String declarantId, String declarationId, String lrn, String type, String message, Instant at) {
        jdbc.update("INSERT INTO notification (declarant_id, declaration_id, lrn, type_code, message, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                declarantId, declarationId, lrn, type, message.length() > 4000 ? message.substring(0, 4000) : message,
                Timestamp.from(at));
    }

    @Override
    public List<Notification> notifications(String declarantId, long afterId, int limit) {
        String sql = "SELECT * FROM notification WHERE id > ?" + (declarantId == null ? "" : " AND declarant_id = ?")
                + " ORDER BY id LIMIT ?";
        Object[] args = declarantId == null ? new Object[] {afterId, limit} : new Object[] {afterId, declarantId, limit};
        return jdbc.query(sql, (rs, n) -> new Notification(rs.getLong("id"), rs.getString("declarant_id"),
                rs.getString("declaration_id"), rs.getString("lrn"), rs.getString("type_code"), rs.getString("message"),
                rs.getTimestamp("created_at").toInstant()), args);
    }

    private StoredDeclaration row(ResultSet rs, int n) throws SQLException {
        int score = rs.getInt("risk_score");
        Integer riskScore = rs.wasNull() ? null : score;
        return new StoredDeclaration(rs.getString("id"), read(rs.getString("payload")),
                DeclarationStatus.valueOf(rs.getString("status")), rs.getInt("version"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), List.of(),
                rs.getString("assessment"), rs.getString("risk_decision"), riskScore, rs.getString("risk_channel"),
                rs.getString("model_version"));
    }

    private String write(Declaration d) {
        return json.writeString(d);
    }

    private Declaration read(String s) {
        return json.read(s);
    }

}
