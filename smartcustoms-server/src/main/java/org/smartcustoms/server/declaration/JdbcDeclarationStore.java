package org.smartcustoms.server.declaration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.server.JdbcDatabaseKind;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JDBC implementation of {@link DeclarationStore}; plain portable SQL for H2 and PostgreSQL. The declaration, its
 * assessment and risk decision are stored as JSON documents; that JSON never leaves this class.
 */
@Repository
class JdbcDeclarationStore implements DeclarationStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    /** {@link #mapper}'s writer that leaves the target stream open (documents streamed into COPY text). */
    private final com.fasterxml.jackson.databind.ObjectWriter documents;
    private final TransactionTemplate savepoint;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);

    private final boolean copy;
    private final JdbcDatabaseKind kind;

    private final JdbcAuditTrail audit;

    JdbcDeclarationStore(JdbcTemplate jdbc, ObjectMapper mapper, PlatformTransactionManager tx, JdbcAuditTrail audit,
                         JdbcDatabaseKind kind, @Value("${smartcustoms.intake.copy:true}") boolean copy) {
        this.kind = kind;
        this.audit = audit;
        this.copy = copy;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.documents = mapper.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.savepoint = new TransactionTemplate(tx);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private void insertItems(String id, Declaration d) {
        List<Object[]> rows = new ArrayList<>();
        for (GoodsItem i : d.items()) {
            Money v = d.valueOf(i); // the one value-precedence rule, as price norms read it
            rows.add(new Object[] {id, i.sequence(), i.commodityCode(), i.originCountry(), i.netMassKg(),
                    i.quantity() == null ? null : i.quantity().value(), i.quantity() == null ? null : i.quantity().unit(),
                    v == null ? null : v.amount(), v == null ? null : v.currency()});
        }
        jdbc.batchUpdate("""
                INSERT INTO declaration_item (declaration_id, sequence_no, commodity_code, origin_country, net_mass_kg,
                  quantity, quantity_unit, value_amount, value_currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    @Override
    public void replaceContent(String id, Declaration d, int newVersion, FunctionCode functionCode, Instant at) {
        Money total = d.totalItemValue();
        Timestamp ts = Timestamp.from(at);
        // the version in force is kept only in the declaration row until it is superseded (an original is stored
        // once, not twice): archive it before it is overwritten
        jdbc.update("""
                INSERT INTO declaration_version (declaration_id, version, function_code, payload, created_at)
                SELECT d.id, d.version, ?, d.payload, d.submitted_at FROM declaration d WHERE d.id = ? AND NOT EXISTS
                  (SELECT 1 FROM declaration_version v WHERE v.declaration_id = d.id AND v.version = d.version)""",
                FunctionCode.ORIGINAL.code(), id);
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
                id, newVersion, functionCode.code(), write(d), ts);
    }

    @Override
    public Optional<StoredDeclaration> find(String id) {
        List<StoredDeclaration> found = jdbc.query("SELECT * FROM declaration WHERE id = ?", this::row, id);
        if (found.isEmpty()) return Optional.empty();
        List<StoredDeclaration.StatusChange> history = jdbc.query(
                "SELECT status, at, reason, actor FROM status_history WHERE declaration_id = ? ORDER BY id",
                (rs, n) -> new StoredDeclaration.StatusChange(DeclarationStatus.valueOf(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)), id);
        return Optional.of(found.get(0).withHistory(history));
    }

    @Override
    public Optional<StoredDeclaration> lock(String id) {
        // SELECT ... FOR UPDATE: a row lock held to the end of the transaction, same on H2 and PostgreSQL
        List<String> locked = jdbc.queryForList("SELECT id FROM declaration WHERE id = ? FOR UPDATE", String.class, id);
        return locked.isEmpty() ? Optional.empty() : find(id);
    }

    @Override
    public Optional<String> findIdByLrn(String declarantId, String lrn) {
        return jdbc.queryForList("SELECT id FROM declaration WHERE declarant_id = ? AND lrn = ?", String.class,
                declarantId, lrn).stream().findFirst();
    }

    @Override
    public Map<DeclarantLrn, String> findIdsByLrn(List<DeclarantLrn> keys) {
        Map<DeclarantLrn, String> found = new HashMap<>();
        org.springframework.jdbc.core.RowCallbackHandler add =
                rs -> { found.put(new DeclarantLrn(rs.getString(1), rs.getString(2)), rs.getString(3)); };
        for (int from = 0; from < keys.size(); from += 500) {
            List<DeclarantLrn> part = keys.subList(from, Math.min(keys.size(), from + 500));
            if (kind.isPostgres()) {
                // PostgreSQL turns a row-value IN list into an OR of 500 conditions that every fetched row is rechecked
                // against (and JIT-compiles it on a large table): seconds per look-up on a million declarations, which
                // made re-running an interrupted import crawl at ~100 rows/s. Two arrays joined to the unique index
                // are one index probe per key.
                String[] declarants = part.stream().map(DeclarantLrn::declarantId).toArray(String[]::new);
                String[] lrns = part.stream().map(DeclarantLrn::lrn).toArray(String[]::new);
                jdbc.query(con -> {
                    var ps = con.prepareStatement(BY_LRN_PG);
                    ps.setArray(1, con.createArrayOf("varchar", declarants));
                    ps.setArray(2, con.createArrayOf("varchar", lrns));
                    return ps;
                }, add);
                continue;
            }
            Object[] args = new Object[part.size() * 2];
            for (int i = 0; i < part.size(); i++) {
                args[2 * i] = part.get(i).declarantId();
                args[2 * i + 1] = part.get(i).lrn();
            }
            jdbc.query("SELECT declarant_id, lrn, id FROM declaration WHERE (declarant_id, lrn) IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "(?, ?)")) + ")", add, args);
        }
        return found;
    }

    private static final String BY_LRN_PG = "SELECT d.declarant_id, d.lrn, d.id FROM declaration d"
            + " JOIN unnest(?::varchar[], ?::varchar[]) AS k(declarant_id, lrn) ON d.declarant_id = k.declarant_id AND d.lrn = k.lrn";

    private static final String DECLARATION_COLUMNS = "id, lrn, declarant_id, type_code, office_id, importer_id, exporter_id, "
            + "declaration_date, status, version, item_count, total_value, total_currency, payload, assessment, risk_score, "
            + "risk_channel, risk_decision, model_version, submitted_at, updated_at";
    private static final int[] DECLARATION_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.DECIMAL, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP};
    private static final String ITEM_COLUMNS = "declaration_id, sequence_no, commodity_code, origin_country, net_mass_kg, "
            + "quantity, quantity_unit, value_amount, value_currency";
    private static final int[] ITEM_TYPES = {Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.DECIMAL,
            Types.DECIMAL, Types.VARCHAR, Types.DECIMAL, Types.VARCHAR};
    private static final String HISTORY_COLUMNS = "declaration_id, status, reason, actor, at";
    private static final int[] HISTORY_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP};
    @Override
    public boolean insertConcluded(NewDeclaration nd) {
        Declaration d = nd.declaration().declaration();
        try { // in a savepoint, as insert(): a duplicate key must not abort the caller's transaction on PostgreSQL
            savepoint.executeWithoutResult(st -> insertBatch(List.of(nd)));
            return true;
        } catch (DuplicateKeyException taken) {
            if (findIdByLrn(d.declarantId(), d.lrn()).isEmpty()) throw taken;
            return false;
        }
    }

    private static final String NOTIFICATION_COLUMNS = "declarant_id, declaration_id, lrn, type_code, message, created_at";
    private static final int[] NOTIFICATION_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP};

    @Override
    public void insertBatch(List<NewDeclaration> declarations) {
        insertEncoded(List.of(encode(declarations)));
    }

    @Override
    public boolean commitsInOneStatement() {
        return kind.isPostgres();
    }

    /**
     * PostgreSQL: the declaration, items, history, notifications and the audit journal entries as one statement (its
     * other tables' INSERTs as data-modifying WITH members) on an autocommit connection, so that the write and its
     * commit are one round trip to the database instead of one per table plus the commit. One statement is one
     * transaction: all of it is stored or none (a declarant + LRN already stored fails it with a unique violation,
     * {@link DuplicateKeyException}); it returns once committed.
     */
    @Override
    public void insertCommitted(NewDeclaration nd, List<org.smartcustoms.server.audit.AuditTrail.Entry> audits) {
        if (!kind.isPostgres()) throw new IllegalStateException("one-statement writes are PostgreSQL only");
        Part p = (Part) encode(List.of(nd));
        List<Object> values = new ArrayList<>(64);
        List<Integer> types = new ArrayList<>(64);
        // the statement's text depends only on how many rows go to each table: made once per shape
        StringBuilder shape = new StringBuilder(16);
        for (int t = 0; t < TABLES.length; t++) {
            List<Object[]> rows = p.rows().get(t);
            shape.append(rows.size()).append(',');
            for (Object[] r : rows) {
                for (int c = 0; c < r.length; c++) {
                    values.add(r[c]);
                    types.add(TYPES[t][c]);
                }
            }
        }
        shape.append(audits.size());
        String journal = null;
        if (!audits.isEmpty()) {
            int before = values.size();
            journal = audit.journalInsert(audits, values);
            for (int i = before; i < values.size(); i++) types.add(org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN);
        }
        String sql = oneStatementSql(shape.toString(), p, journal);
        jdbc.execute((ConnectionCallback<Integer>) c -> {
            if (!c.getAutoCommit()) throw new IllegalStateException("a one-statement write needs an autocommit connection (no transaction)");
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(ps, i + 1, types.get(i), values.get(i));
                }
                return ps.executeUpdate();
            }
        });
        if (!audits.isEmpty()) audit.journalCommitted();
    }

    /** {@link #insertCommitted}'s statements by shape (rows per table and journal entries); a few dozen in practice. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> oneStatements = new java.util.concurrent.ConcurrentHashMap<>();

    /** The one statement for a declaration encoded as {@code p} and the journal INSERT {@code journal} (or null). */
    private String oneStatementSql(String shape, Part p, String journal) {
        String cached = oneStatements.get(shape);
        if (cached != null) return cached;
        List<String> inserts = new ArrayList<>(5);
        for (int t = 0; t < TABLES.length; t++) {
            int n = p.rows().get(t).size();
            if (n == 0) continue;
            String row = "(" + String.join(", ", java.util.Collections.nCopies(TYPES[t].length, "?")) + ")";
            inserts.add("INSERT INTO " + TABLES[t] + " (" + COLUMNS[t] + ") VALUES " + String.join(", ", java.util.Collections.nCopies(n, row)));
        }
        if (journal != null) inserts.add(journal);
        StringBuilder sql = new StringBuilder(2048);
        for (int i = 0; i < inserts.size() - 1; i++) sql.append(i == 0 ? "WITH w" : ", w").append(i).append(" AS (").append(inserts.get(i)).append(")\n");
        sql.append(inserts.get(inserts.size() - 1));
        if (oneStatements.size() > 1000) oneStatements.clear();
        oneStatements.put(shape, sql.toString());
        return sql.toString();
    }

    /** From this many declarations on a part is encoded for COPY (when COPY is on, on PostgreSQL), else as JDBC rows. */
    private static final int COPY_MIN_DECLARATIONS = 20;
    private static final String[] TABLES = {"declaration", "declaration_item", "status_history", "notification"};
    private static final String[] COLUMNS = {DECLARATION_COLUMNS, ITEM_COLUMNS, HISTORY_COLUMNS, NOTIFICATION_COLUMNS};
    private static final int[][] TYPES = {DECLARATION_TYPES, ITEM_TYPES, HISTORY_TYPES, NOTIFICATION_TYPES};

    /**
     * A part encoded for the database: per table ({@link #TABLES}) either its COPY input ({@code copy}, UTF-8) or
     * its JDBC rows ({@code rows}).
     */
    private record Part(int size, byte[][] copy, List<List<Object[]>> rows) implements Encoded { }

    /** Initial room per declaration of each table's COPY text ({@link #TABLES}); the buffers grow when needed. */
    private static final int[] COPY_BYTES_PER_DECLARATION = {8192, 256, 512, 768};

    @Override
    public Encoded encode(List<NewDeclaration> declarations) {
        int n = declarations.size();
        boolean copying = copy && n >= COPY_MIN_DECLARATIONS && kind.isPostgres();
        // COPY: each row is escaped into its table's UTF-8 bytes as it is made, the documents streamed into them by
        // the JSON generators (no intermediate strings); JDBC: the rows as parameters, the documents as strings
        JdbcAuditTrail.CopyIn[] text = copying ? new JdbcAuditTrail.CopyIn[TABLES.length] : null;
        List<List<Object[]>> rows = copying ? null
                : List.of(new ArrayList<>(n), new ArrayList<>(n * 2), new ArrayList<>(n * 5), new ArrayList<>(n * 3));
        if (copying) {
            for (int t = 0; t < TABLES.length; t++) text[t] = new JdbcAuditTrail.CopyIn(n * COPY_BYTES_PER_DECLARATION[t]);
        }
        java.util.function.BiConsumer<Integer, Object[]> add = copying ? (t, r) -> text[t].row(r) : (t, r) -> {
            for (int k = 0; k < r.length; k++) if (r[k] instanceof JdbcAuditTrail.CopyIn.Streamed doc) r[k] = doc.asString();
            rows.get(t).add(r);
        };
        for (NewDeclaration nd : declarations) {
            StoredDeclaration s = nd.declaration();
            Declaration d = s.declaration();
            String id = s.id();
            Money total = d.totalItemValue();
            TariffAssessment assessment = s.assessment();
            RiskDecision risk = s.risk();
            add.accept(0, new Object[] {id, d.lrn(), d.declarantId(), d.type().combined(), d.officeId(),
                    d.party(PartyRole.IMPORTER).map(p -> p.id()).orElse(null), d.party(PartyRole.EXPORTER).map(p -> p.id()).orElse(null),
                    d.declarationDate() == null ? null : java.sql.Date.valueOf(d.declarationDate()), s.status().name(), s.version(),
                    d.items().size(), total == null ? null : total.amount(), total == null ? null : total.currency(),
                    (JdbcAuditTrail.CopyIn.Streamed) out -> json.write(d, out),
                    assessment == null ? null : document(assessment), risk == null ? null : risk.score(),
                    s.channel() == null ? null : s.channel().name(), risk == null ? null : document(risk),
                    risk == null ? null : cut(risk.modelVersion(), 64), Timestamp.from(s.submittedAt()), Timestamp.from(s.updatedAt())});
            for (GoodsItem i : d.items()) {
                Money v = d.valueOf(i);
                add.accept(1, new Object[] {id, i.sequence(), i.commodityCode(), i.originCountry(), i.netMassKg(),
                        i.quantity() == null ? null : i.quantity().value(), i.quantity() == null ? null : i.quantity().unit(),
                        v == null ? null : v.amount(), v == null ? null : v.currency()});
            }
            // the original's version row is not written: the declaration row holds it until an amendment archives it
            for (StoredDeclaration.StatusChange h : s.history()) {
                add.accept(2, new Object[] {id, h.status().name(), cut(h.reason(), 1000), cut(h.actor(), 64), Timestamp.from(h.at())});
            }
            for (NewDeclaration.Notice m : nd.notices()) {
                add.accept(3, new Object[] {d.declarantId(), id, d.lrn(), m.type().name(), cut(m.message(), 4000), Timestamp.from(m.at())});
            }
        }
        if (!copying) return new Part(n, null, rows);
        byte[][] bytes = new byte[TABLES.length][];
        for (int t = 0; t < TABLES.length; t++) bytes[t] = text[t].utf8();
        return new Part(n, bytes, null);
    }

    /** A stored document (assessment, risk decision) as the JSON {@link #toJson} writes, streamed where it goes. */
    private JdbcAuditTrail.CopyIn.Streamed document(Object value) {
        return out -> {
            try {
                documents.writeValue(out, value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
            }
        };
    }

    @Override
    public void insertEncoded(List<Encoded> parts) {
        if (parts.stream().anyMatch(e -> e instanceof Part p && p.copy() != null) && lz4()) {
            // a bulk write's documents (several KB a row) are compressed with LZ4, several times faster than the
            // default pglz, for this transaction only; values are read back the same whatever their compression
            jdbc.queryForObject("SELECT set_config('default_toast_compression', 'lz4', true)", String.class);
        }
        for (int t = 0; t < TABLES.length; t++) {
            List<byte[]> copyParts = new ArrayList<>(parts.size());
            List<Object[]> rows = new ArrayList<>();
            for (Encoded e : parts) {
                if (!(e instanceof Part p)) throw new IllegalArgumentException("not encoded by this store");
                if (p.copy() != null) {
                    copyParts.add(p.copy()[t]);
                } else {
                    rows.addAll(p.rows().get(t));
                }
            }
            String table = TABLES[t];
            String columns = COLUMNS[t];
            if (copyParts.stream().anyMatch(b -> b.length > 0)) {
                jdbc.execute((ConnectionCallback<Long>) c -> JdbcAuditTrail.CopyIn.into(c, "COPY " + table + " (" + columns + ") FROM STDIN", copyParts));
            }
            if (!rows.isEmpty()) {
                String marks = String.join(", ", java.util.Collections.nCopies(TYPES[t].length, "?"));
                jdbc.batchUpdate("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", rows, TYPES[t]);
            }
        }
    }

    private volatile Boolean lz4;

    /** True on a PostgreSQL that can compress values with LZ4 (14 and later, built with it). */
    private boolean lz4() {
        Boolean l = lz4;
        if (l == null) {
            l = kind.isPostgres() && Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT COUNT(*) > 0 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)", Boolean.class));
            lz4 = l;
        }
        return l;
    }

    @Override
    public void changeStatus(String id, DeclarationStatus from, DeclarationStatus to, String reason, String actor, Instant at) {
        int n = jdbc.update("UPDATE declaration SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                to.name(), Timestamp.from(at), id, from.name());
        if (n != 1) throw new ConcurrentDeclarationChangeException("Declaration " + id + " changed meanwhile; try again");
        jdbc.update("INSERT INTO status_history (declaration_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)",
                id, to.name(), cut(reason, 1000), cut(actor, 64), Timestamp.from(at));
    }

    @Override
    public void saveAssessment(String id, TariffAssessment assessment) {
        jdbc.update("UPDATE declaration SET assessment = ? WHERE id = ?", toJson(assessment), id);
    }

    @Override
    public void saveRisk(String id, RiskDecision decision, Channel channel) {
        jdbc.update("UPDATE declaration SET risk_score = ?, risk_channel = ?, risk_decision = ?, model_version = ? WHERE id = ?",
                decision.score(), channel.name(), toJson(decision), cut(decision.modelVersion(), 64), id);
    }

    @Override
    public void saveChannel(String id, Channel channel) {
        jdbc.update("UPDATE declaration SET risk_channel = ? WHERE id = ?", channel.name(), id);
    }

    @Override
    public void setCorrectionAuthorisation(String id, String officer) {
        jdbc.update("UPDATE declaration SET correction_authorised_by = ? WHERE id = ?", officer, id);
    }

    @Override
    public void addCorrection(PostClearanceCorrection c) {
        jdbc.update("""
                INSERT INTO post_clearance_correction (declaration_id, version, previous_total, new_total, difference, currency,
                  submitted_by, submitted_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.declarationId(), c.version(), c.previousTotal(), c.newTotal(), c.difference(), c.currency(),
                cut(c.submittedBy(), 64), Timestamp.from(c.submittedAt()), c.status());
    }

    @Override
    public List<PostClearanceCorrection> corrections(String status, int limit) {
        String sql = "SELECT * FROM post_clearance_correction" + (status == null ? "" : " WHERE status = ?") + " ORDER BY id DESC LIMIT ?";
        Object[] args = status == null ? new Object[] {limit} : new Object[] {status, limit};
        return jdbc.query(sql, (rs, n) -> new PostClearanceCorrection(rs.getLong("id"), rs.getString("declaration_id"),
                rs.getInt("version"), rs.getBigDecimal("previous_total"), rs.getBigDecimal("new_total"),
                rs.getBigDecimal("difference"), rs.getString("currency"), rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getString("status")), args);
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
        if (q.reference() != null) {
            String like = "%" + q.reference().toUpperCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sb.append(" AND (UPPER(id) LIKE ? ESCAPE '\\' OR UPPER(lrn) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
        }
        if (q.hsChapter() != null) {
            if (!q.hsChapter().matches("[0-9]{1,10}")) throw new IllegalArgumentException("hsChapter must be 1 to 10 digits");
            // the range lets ix_item_commodity serve the prefix on any collation (PostgreSQL's C.UTF-8 and
            // linguistic collations cannot use a plain b-tree for LIKE); the LIKE keeps the match exact
            String end = prefixEnd(q.hsChapter());
            sb.append(" AND EXISTS (SELECT 1 FROM declaration_item i WHERE i.declaration_id = declaration.id AND i.commodity_code >= ?");
            args.add(q.hsChapter());
            if (end != null) { sb.append(" AND i.commodity_code < ?"); args.add(end); }
            sb.append(" AND i.commodity_code LIKE ?)");
            args.add(q.hsChapter() + "%");
        }
        return sb.toString();
    }

    /**
     * The least digit string after every code that starts with {@code digits}: the prefix with its last digit that
     * is not 9 raised by one and the 9s after it dropped ("8471" → "8472", "8499" → "85"); null when all are 9s
     * (no upper bound). Digits order alike in every collation.
     */
    static String prefixEnd(String digits) {
        int k = digits.length() - 1;
        while (k >= 0 && digits.charAt(k) == '9') k--;
        return k < 0 ? null : digits.substring(0, k) + (char) (digits.charAt(k) + 1);
    }

    @Override
    public List<Declaration> versions(String id) {
        // the stored versions, and the one in force if it is not among them (an original never amended)
        return jdbc.query("""
                SELECT version, payload FROM declaration_version WHERE declaration_id = ?
                UNION ALL
                SELECT d.version, d.payload FROM declaration d WHERE d.id = ? AND NOT EXISTS
                  (SELECT 1 FROM declaration_version v WHERE v.declaration_id = d.id AND v.version = d.version)
                ORDER BY 1""", (rs, n) -> read(rs.getString(2)), id, id);
    }

    @Override
    public void notify(String declarantId, String declarationId, String lrn, NotificationType type, String message, Instant at) {
        jdbc.update("INSERT INTO notification (declarant_id, declaration_id, lrn, type_code, message, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                declarantId, declarationId, lrn, type.name(), message.length() > 4000 ? message.substring(0, 4000) : message,
                Timestamp.from(at));
    }

    @Override
    public List<Notification> notifications(String declarantId, long afterId, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM notification WHERE id > ?");
        List<Object> args = new ArrayList<>(List.of(afterId));
        if (beforeId != null) { sql.append(" AND id < ?"); args.add(beforeId); }
        if (declarantId != null) { sql.append(" AND declarant_id = ?"); args.add(declarantId); }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Notification(rs.getLong("id"), rs.getString("declarant_id"),
                rs.getString("declaration_id"), rs.getString("lrn"), NotificationType.valueOf(rs.getString("type_code")),
                rs.getString("message"), rs.getTimestamp("created_at").toInstant()), args.toArray());
    }

    private StoredDeclaration row(ResultSet rs, int n) throws SQLException {
        String channel = rs.getString("risk_channel");
        return new StoredDeclaration(rs.getString("id"), read(rs.getString("payload")),
                DeclarationStatus.valueOf(rs.getString("status")), rs.getInt("version"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), List.of(),
                fromJson(rs.getString("assessment"), TariffAssessment.class, rs.getString("id")),
                fromJson(rs.getString("risk_decision"), RiskDecision.class, rs.getString("id")),
                channel == null ? null : Channel.valueOf(channel), rs.getString("correction_authorised_by"));
    }

    private String toJson(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + o.getClass().getSimpleName(), e);
        }
    }

    private <T> T fromJson(String s, Class<T> type, String id) {
        if (s == null) return null;
        try {
            return mapper.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " of declaration " + id + " is unreadable", e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private String write(Declaration d) {
        return json.writeString(d);
    }

    private Declaration read(String s) {
        return json.read(s);
    }

}
