package org.smartcustoms.server.consignment;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smartcustoms.consignment.ConsignmentStatus;
import org.smartcustoms.consignment.LowValueConsignment;
import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;
import org.smartcustoms.consignment.Purchase;
import org.smartcustoms.consignment.RowProblem;
import org.smartcustoms.server.JdbcDatabaseKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Manifests and consignments in {@code lvc_manifest}, {@code lvc_consignment}, {@code lvc_manifest_problem}: JDBC batches of
 * {@value #BATCH}; on PostgreSQL the consignments by {@code COPY} (pgjdbc CopyManager) in the same transaction.
 */
@Repository
class JdbcConsignmentStore implements ConsignmentStore {
    static final int BATCH = 1000;
    private static final int IN_CHUNK = 500;
    private final JdbcTemplate jdbc;
    private final JdbcDatabaseKind kind;

    JdbcConsignmentStore(JdbcTemplate jdbc, JdbcDatabaseKind kind) {
        this.kind = kind;
        this.jdbc = jdbc;
    }

    @Override
    public void insert(StoredManifest m, List<DecidedConsignment> consignments, List<RejectedRow> rejected) {
        jdbc.update("""
                INSERT INTO lvc_manifest (id, reference, submitter_party, submitter_kind, submitted_by, format, arrival_date,
                  received_at, content_sha256, content_bytes, rows_read, accepted, rejected, duplicates, released, held,
                  duty_total, excise_total, vat_total, national_currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                m.id(), m.reference(), m.submitterParty(), m.submitterKind().name(), m.submittedBy(), m.format().name(),
                Date.valueOf(m.arrivalDate()), Timestamp.from(m.receivedAt()), m.contentSha256(), m.contentBytes(),
                m.rowsRead(), m.accepted(), m.rejected(), m.duplicates(), m.released(), m.held(), m.dutyTotal(),
                m.exciseTotal(), m.vatTotal(), m.nationalCurrency());
        if (kind.isPostgres()) {
            copy(consignments);
        } else jdbc.batchUpdate("""
                INSERT INTO lvc_consignment (submitter_party, consignment_id, manifest_id, row_no, house_document, master_document,
                  seller_id, seller_name, seller_country, buyer_id, buyer_name, buyer_country, buyer_postcode, buyer_key,
                  seller_key, platform_id, description, hs6, quantity, gross_mass_kg, item_value, currency, origin,
                  dispatch_country, arrival_date, customs_value, duty, excise, vat, total, national_currency, duty_relieved,
                  vat_relieved, status, score, reasons, notice, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                consignments, BATCH, JdbcConsignmentStore::bind);
        List<Object[]> problems = new ArrayList<>();
        for (RejectedRow r : rejected) {
            int seq = 0;
            for (RowProblem p : r.problems()) {
                problems.add(new Object[] {m.id(), r.row(), seq++, r.consignmentId(), p.code().name(), cut(p.field(), 40), cut(p.message(), 1000)});
            }
        }
        jdbc.batchUpdate("INSERT INTO lvc_manifest_problem (manifest_id, row_no, seq, consignment_id, code, field, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                problems, BATCH, (ps, o) -> {
                    for (int i = 0; i < o.length; i++) ps.setObject(i + 1, o[i]);
                });
    }

    private static final String COLUMNS = "submitter_party, consignment_id, manifest_id, row_no, house_document, master_document,"
            + " seller_id, seller_name, seller_country, buyer_id, buyer_name, buyer_country, buyer_postcode, buyer_key,"
            + " seller_key, platform_id, description, hs6, quantity, gross_mass_kg, item_value, currency, origin,"
            + " dispatch_country, arrival_date, customs_value, duty, excise, vat, total, national_currency, duty_relieved,"
            + " vat_relieved, status, score, reasons, notice, decided_at";

    /** PostgreSQL: the consignments by COPY (CSV) on the transaction's connection, 10,000 rows per COPY. */
    private void copy(List<DecidedConsignment> rows) {
        for (int from = 0; from < rows.size(); from += 10_000) {
            StringBuilder sb = new StringBuilder(10_000 * 400);
            for (DecidedConsignment d : rows.subList(from, Math.min(rows.size(), from + 10_000))) csvLine(sb, d);
            String data = sb.toString();
            jdbc.execute((java.sql.Connection c) -> {
                try {
                    return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                            .copyIn("COPY lvc_consignment (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new java.io.StringReader(data));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static void csvLine(StringBuilder sb, DecidedConsignment d) {
        LowValueConsignment c = d.consignment();
        Object[] v = {d.submitterParty(), c.consignmentId(), d.manifestId(), d.row(), c.houseDocument(), c.masterDocument(),
                c.seller().id(), c.seller().name(), c.seller().country(), c.buyer().id(), c.buyer().name(), c.buyer().country(),
                c.buyerPostcode(), cut(c.buyerKey(), 200), cut(c.sellerKey(), 200), c.platformId(), c.description(), c.hs6(),
                c.quantity(), c.grossMassKg(), c.value(), c.currency(), c.origin(), c.dispatchCountry(), d.arrivalDate(),
                d.assessment().customsValue().amount(), d.assessment().duty().amount(), d.assessment().excise().amount(),
                d.assessment().vat().amount(), d.assessment().total().amount(), d.assessment().total().currency(),
                d.assessment().dutyRelieved() ? "t" : "f", d.assessment().vatRelieved() ? "t" : "f", d.decision().status().name(),
                d.decision().score(), cut(String.join("\n", d.decision().reasons()), 4000), cut(d.notice(), 600),
                Timestamp.from(d.decidedAt()).toString()};
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(',');
            Object x = v[i];
            if (x == null) continue; // unquoted empty = NULL
            String t = x instanceof BigDecimal b ? b.toPlainString() : x.toString();
            sb.append('"');
            for (int k = 0; k < t.length(); k++) {
                char ch = t.charAt(k);
                if (ch == '"') sb.append('"');
                sb.append(ch);
            }
            sb.append('"');
        }
        sb.append('\n');
    }

    private static void bind(PreparedStatement ps, DecidedConsignment d) throws SQLException {
        LowValueConsignment c = d.consignment();
        int i = 1;
        ps.setString(i++, d.submitterParty());
        ps.setString(i++, c.consignmentId());
        ps.setString(i++, d.manifestId());
        ps.setInt(i++, d.row());
        ps.setString(i++, c.houseDocument());
        ps.setString(i++, c.masterDocument());
        ps.setString(i++, c.seller().id());
        ps.setString(i++, c.seller().name());
        ps.setString(i++, c.seller().country());
        ps.setString(i++, c.buyer().id());
        ps.setString(i++, c.buyer().name());
        ps.setString(i++, c.buyer().country());
        ps.setString(i++, c.buyerPostcode());
        ps.setString(i++, cut(c.buyerKey(), 200));
        ps.setString(i++, cut(c.sellerKey(), 200));
        ps.setString(i++, c.platformId());
        ps.setString(i++, c.description());
        ps.setString(i++, c.hs6());
        ps.setBigDecimal(i++, c.quantity());
        if (c.grossMassKg() == null) ps.setNull(i++, Types.DECIMAL);
        else ps.setBigDecimal(i++, c.grossMassKg());
        ps.setBigDecimal(i++, c.value());
        ps.setString(i++, c.currency());
        ps.setString(i++, c.origin());
        ps.setString(i++, c.dispatchCountry());
        ps.setDate(i++, Date.valueOf(d.arrivalDate()));
        ps.setBigDecimal(i++, d.assessment().customsValue().amount());
        ps.setBigDecimal(i++, d.assessment().duty().amount());
        ps.setBigDecimal(i++, d.assessment().excise().amount());
        ps.setBigDecimal(i++, d.assessment().vat().amount());
        ps.setBigDecimal(i++, d.assessment().total().amount());
        ps.setString(i++, d.assessment().total().currency());
        ps.setBoolean(i++, d.assessment().dutyRelieved());
        ps.setBoolean(i++, d.assessment().vatRelieved());
        ps.setString(i++, d.decision().status().name());
        ps.setInt(i++, d.decision().score());
        ps.setString(i++, cut(String.join("\n", d.decision().reasons()), 4000));
        ps.setString(i++, cut(d.notice(), 600));
        ps.setTimestamp(i, Timestamp.from(d.decidedAt()));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public Set<String> existingIds(String submitterParty, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            Object[] args = new Object[chunk.size() + 1];
            for (int i = 0; i < chunk.size(); i++) args[i] = chunk.get(i);
            args[chunk.size()] = submitterParty;
            jdbc.query("SELECT consignment_id FROM lvc_consignment WHERE consignment_id IN (" + in + ") AND submitter_party = ?",
                    (ResultSet rs) -> {
                        out.add(rs.getString(1));
                    }, args);
        }
        return out;
    }

    @Override
    public List<Purchase> purchases(Collection<String> buyerKeys, LocalDate from, LocalDate to) {
        List<Purchase> out = new ArrayList<>();
        for (List<String> chunk : chunks(buyerKeys)) {
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> args = new ArrayList<>(chunk);
            args.add(Date.valueOf(from));
            args.add(Date.valueOf(to));
            jdbc.query("SELECT submitter_party, consignment_id, buyer_key, seller_key, arrival_date, customs_value FROM lvc_consignment"
                    + " WHERE buyer_key IN (" + in + ") AND arrival_date BETWEEN ? AND ?", (ResultSet rs) -> {
                        out.add(new Purchase(rs.getString(1) + "/" + rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getDate(5).toLocalDate(), rs.getBigDecimal(6)));
                    }, args.toArray());
        }
        return out;
    }

    private static List<List<String>> chunks(Collection<String> xs) {
        List<String> all = new ArrayList<>(xs);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        return out;
    }

    private static final RowMapper<StoredManifest> MANIFEST = (rs, n) -> new StoredManifest(rs.getString("id"),
            rs.getString("reference"), rs.getString("submitter_party"), Manifest.SubmitterKind.valueOf(rs.getString("submitter_kind")),
            rs.getString("submitted_by"), ManifestFormat.valueOf(rs.getString("format")), rs.getDate("arrival_date").toLocalDate(),
            rs.getTimestamp("received_at").toInstant(), rs.getString("content_sha256"), rs.getLong("content_bytes"),
            rs.getInt("rows_read"), rs.getInt("accepted"), rs.getInt("rejected"), rs.getInt("duplicates"), rs.getInt("released"),
            rs.getInt("held"), rs.getBigDecimal("duty_total"), rs.getBigDecimal("excise_total"), rs.getBigDecimal("vat_total"),
            rs.getString("national_currency"));

    @Override
    public Optional<StoredManifest> manifest(String id) {
        return jdbc.query("SELECT * FROM lvc_manifest WHERE id = ?", MANIFEST, id).stream().findFirst();
    }

    @Override
    public List<StoredManifest> manifests(String submitterParty, int offset, int limit) {
        if (submitterParty == null) {
            return jdbc.query("SELECT * FROM lvc_manifest ORDER BY received_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    MANIFEST, offset, limit);
        }
        return jdbc.query("SELECT * FROM lvc_manifest WHERE submitter_party = ? ORDER BY received_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                MANIFEST, submitterParty, offset, limit);
    }

    @Override
    public long countManifests(String submitterParty) {
        Long n = submitterParty == null ? jdbc.queryForObject("SELECT COUNT(*) FROM lvc_manifest", Long.class)
                : jdbc.queryForObject("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", Long.class, submitterParty);
        return n == null ? 0 : n;
    }

    private static final RowMapper<ConsignmentView> CONSIGNMENT = (rs, n) -> {
        String reasons = rs.getString("reasons");
        return new ConsignmentView(rs.getString("consignment_id"), rs.getString("manifest_id"), rs.getInt("row_no"),
                rs.getString("house_document"), rs.getString("seller_name"), rs.getString("buyer_name"), rs.getString("buyer_country"),
                rs.getString("platform_id"), rs.getString("description"), rs.getString("hs6"), strip(rs.getBigDecimal("item_value")),
                rs.getString("currency"), rs.getString("origin"), rs.getBigDecimal("customs_value"), rs.getBigDecimal("duty"),
                rs.getBigDecimal("excise"), rs.getBigDecimal("vat"), rs.getBigDecimal("total"), rs.getString("national_currency"),
                rs.getBoolean("duty_relieved"), rs.getBoolean("vat_relieved"), ConsignmentStatus.valueOf(rs.getString("status")),
                rs.getString("notice"), rs.getTimestamp("decided_at").toInstant(), rs.getInt("score"),
                reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n")));
    };

    private static BigDecimal strip(BigDecimal x) {
        return x == null ? null : x.stripTrailingZeros().scale() < 0 ? x.setScale(0) : x.stripTrailingZeros();
    }

    @Override
    public List<ConsignmentView> consignments(String manifestId, ConsignmentStatus status, int offset, int limit) {
        if (status == null) {
            return jdbc.query("SELECT * FROM lvc_consignment WHERE manifest_id = ? ORDER BY row_no OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    CONSIGNMENT, manifestId, offset, limit);
        }
        return jdbc.query("SELECT * FROM lvc_consignment WHERE manifest_id = ? AND status = ? ORDER BY row_no OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                CONSIGNMENT, manifestId, status.name(), offset, limit);
    }

    @Override
    public Optional<ConsignmentView> consignmentOf(String submitterParty, String reference) {
        Optional<ConsignmentView> byId = jdbc.query("SELECT * FROM lvc_consignment WHERE consignment_id = ? AND submitter_party = ?",
                CONSIGNMENT, reference, submitterParty).stream().findFirst();
        if (byId.isPresent()) return byId;
        // by tracking number: through the party's manifests (indexed), never across other parties' consignments
        return jdbc.query("""
                SELECT c.* FROM lvc_consignment c JOIN lvc_manifest m ON m.id = c.manifest_id
                WHERE m.submitter_party = ? AND c.submitter_party = ? AND c.house_document = ?
                ORDER BY c.decided_at DESC FETCH FIRST 1 ROWS ONLY""", CONSIGNMENT, submitterParty, submitterParty, reference)
                .stream().findFirst();
    }

    @Override
    public List<ConsignmentView> recentConsignmentsOf(String submitterParty, ConsignmentStatus status, int limit) {
        return jdbc.query("""
                SELECT c.* FROM lvc_consignment c JOIN lvc_manifest m ON m.id = c.manifest_id
                WHERE m.submitter_party = ? AND c.submitter_party = ? AND c.status = ?
                ORDER BY c.decided_at DESC, c.row_no FETCH FIRST ? ROWS ONLY""", CONSIGNMENT, submitterParty, submitterParty,
                status.name(), limit);
    }

    @Override
    public long countConsignments(String manifestId, ConsignmentStatus status) {
        Long n = status == null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM lvc_consignment WHERE manifest_id = ?", Long.class, manifestId)
                : jdbc.queryForObject("SELECT COUNT(*) FROM lvc_consignment WHERE manifest_id = ? AND status = ?", Long.class, manifestId, status.name());
        return n == null ? 0 : n;
    }

    @Override
    public List<RejectedRow> rejectedRows(String manifestId, int offset, int limit) {
        Map<Integer, List<Object[]>> rows = new LinkedHashMap<>();
        jdbc.query("""
                SELECT p.row_no, p.consignment_id, p.code, p.field, p.message FROM lvc_manifest_problem p
                WHERE p.manifest_id = ? AND p.row_no IN (
                  SELECT DISTINCT row_no FROM lvc_manifest_problem WHERE manifest_id = ? ORDER BY row_no OFFSET ? ROWS FETCH NEXT ? ROWS ONLY)
                ORDER BY p.row_no, p.seq""", (ResultSet rs) -> {
                    rows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Object[] {rs.getString(2),
                            new RowProblem(rs.getString(4), RowProblem.Code.valueOf(rs.getString(3)), rs.getString(5))});
                }, manifestId, manifestId, offset, limit);
        List<RejectedRow> out = new ArrayList<>();
        rows.forEach((row, ps) -> out.add(new RejectedRow(row, (String) ps.get(0)[0], ps.stream().map(p -> (RowProblem) p[1]).toList())));
        return out;
    }
}
