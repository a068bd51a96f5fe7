package org.smartcustoms.server.risk;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;

import org.smartcustoms.risk.features.PartyProfile;
import org.smartcustoms.server.JdbcDatabaseKind;
import org.smartcustoms.server.inspection.InspectionOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link RiskHistoryStore} on the {@code declaration}, {@code declaration_item} and {@code inspection_result} tables. */
@Repository
class JdbcRiskHistoryStore implements RiskHistoryStore {
    /** "r.outcome is irregular", from the one definition. */
    private static final String IRREGULAR_OUTCOME = InspectionOutcome.irregularSql("r.outcome");
    private final JdbcTemplate jdbc;

    private final JdbcTemplate streaming;
    private final JdbcDatabaseKind kind;

    JdbcRiskHistoryStore(JdbcTemplate jdbc, JdbcDatabaseKind kind) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(500);
    }

    @Override
    public void allDeclarations(Consumer<StoredPayload> sink) {
        streaming.query("SELECT id, payload, submitted_at FROM declaration", rs -> {
            Timestamp at = rs.getTimestamp(3);
            sink.accept(new StoredPayload(rs.getString(1), rs.getString(2), at == null ? null : at.toInstant()));
        });
    }

    @Override
    public PartyProfile partyProfile(String partyId, LocalDate before) {
        java.sql.Date b = java.sql.Date.valueOf(before);
        // Two index look-ups (importer, declarant acting for others) instead of one OR, which would scan the table.
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT COUNT(*) AS n, MIN(declaration_date) AS first_seen FROM declaration
                WHERE importer_id = ? AND declaration_date < ?""", partyId, b);
        Map<String, Object> asDeclarant = jdbc.queryForMap("""
                SELECT COUNT(*) AS n, MIN(declaration_date) AS first_seen FROM declaration
                WHERE declarant_id = ? AND declaration_date < ? AND (importer_id IS NULL OR importer_id <> ?)""", partyId, b, partyId);
        long n = ((Number) row.get("n")).longValue() + ((Number) asDeclarant.get("n")).longValue();
        if (n == 0) return PartyProfile.UNKNOWN;
        Long frauds = jdbc.queryForObject("""
                SELECT COUNT(DISTINCT r.declaration_id) FROM inspection_result r JOIN declaration d ON d.id = r.declaration_id
                WHERE d.importer_id = ? AND d.declaration_date < ? AND r.recorded_at < ? AND %s""".formatted(IRREGULAR_OUTCOME),
                Long.class, partyId, b, Timestamp.from(before.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        Object first = earliest(row.get("first_seen"), asDeclarant.get("first_seen"));
        LocalDate firstSeen = first instanceof java.sql.Date d ? d.toLocalDate()
                : first instanceof LocalDate ld ? ld : null;
        return new PartyProfile(partyId, n, Math.min(n, frauds == null ? 0 : frauds), firstSeen);
    }

    /** The same three reads as {@link #partyHistories}, for one party. */
    @Override
    public PartyHistory partyHistory(String partyId) {
        return partyHistories(java.util.List.of(partyId)).get(partyId);
    }

    /** Parties read per query by {@link #partyHistories}. */
    private static final int PARTIES_PER_READ = 500;

    @Override
    public Map<String, PartyHistory> partyHistories(java.util.Collection<String> partyIds) {
        java.util.List<String> ids = partyIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, java.util.TreeMap<LocalDate, Long>> perDay = new java.util.HashMap<>();
        Map<String, java.util.List<PartyHistory.Irregular>> irregular = new java.util.HashMap<>();
        for (String id : ids) {
            perDay.put(id, new java.util.TreeMap<>());
            irregular.put(id, new java.util.ArrayList<>());
        }
        // three reads per up to PARTIES_PER_READ parties: declared as importer, as declarant for others, irregular results
        org.springframework.jdbc.core.RowCallbackHandler add = rs -> {
            java.sql.Date d = rs.getDate(2);
            if (d != null) perDay.get(rs.getString(1)).merge(d.toLocalDate(), rs.getLong(3), Long::sum);
        };
        boolean pg = kind.isPostgres();
        for (int from = 0; from < ids.size(); from += PARTIES_PER_READ) {
            Object[] part = ids.subList(from, Math.min(ids.size(), from + PARTIES_PER_READ)).toArray();
            String in = String.join(", ", java.util.Collections.nCopies(part.length, "?"));
            if (pg) {
                declaredPerPartyPg(java.util.Arrays.copyOf(part, part.length, String[].class), add);
            } else {
                jdbc.query("SELECT importer_id, declaration_date, COUNT(*) FROM declaration WHERE importer_id IN (" + in
                        + ") GROUP BY importer_id, declaration_date", add, part);
                jdbc.query("SELECT declarant_id, declaration_date, COUNT(*) FROM declaration WHERE declarant_id IN (" + in
                        + ") AND (importer_id IS NULL OR importer_id <> declarant_id) GROUP BY declarant_id, declaration_date", add, part);
            }
            jdbc.query("""
                    SELECT d.importer_id, d.declaration_date, MIN(r.recorded_at) FROM inspection_result r JOIN declaration d ON d.id = r.declaration_id
                    WHERE d.importer_id IN (%s) AND %s GROUP BY d.id, d.importer_id, d.declaration_date""".formatted(in, IRREGULAR_OUTCOME), rs -> {
                java.sql.Date d = rs.getDate(2);
                Timestamp t = rs.getTimestamp(3);
                if (d != null && t != null) irregular.get(rs.getString(1)).add(new PartyHistory.Irregular(d.toLocalDate(), t.toInstant()));
            }, part);
        }
        Map<String, PartyHistory> out = new java.util.HashMap<>();
        for (String id : ids) out.put(id, new PartyHistory(id, perDay.get(id), irregular.get(id)));
        return out;
    }

    /**
     * On PostgreSQL, the two counts of {@link #partyHistories} (as importer; as declarant for others) in one statement
     * that reads each party on its own ({@code LATERAL}): each read is planned as an equality on the party, an index
     * look-up, whatever the table's statistics. An {@code IN} list of hundreds of parties is estimated from the
     * statistics, and without them (never analysed, e.g. autovacuum off, or right after a bulk load) as most of the
     * table, so it was read with a sequential scan of the whole {@code declaration} table per 500 parties: a cost
     * that grew with the table. Same rows as the two {@code IN} queries (a party's counts of a date are summed).
     */
    private static final String DECLARED_PER_PARTY_PG = """
            SELECT p.id, x.declaration_date, x.n FROM unnest(?::varchar[]) AS p(id) CROSS JOIN LATERAL (
              SELECT declaration_date, COUNT(*) AS n FROM declaration WHERE importer_id = p.id GROUP BY declaration_date
              UNION ALL
              SELECT declaration_date, COUNT(*) FROM declaration
              WHERE declarant_id = p.id AND (importer_id IS NULL OR importer_id <> declarant_id) GROUP BY declaration_date) x""";

    /**
     * Runs {@link #DECLARED_PER_PARTY_PG} with PostgreSQL's JIT compilation off for that statement: the planner
     * prices each party's look-up from default statistics (hundreds of rows a party) and would spend about half a
     * second compiling a statement that runs in a fraction of that (measured on 200,000 declarations: 494 ms of JIT in
     * 825 ms). {@code SET LOCAL} needs a transaction: an own one on an auto-commit connection; inside a caller's
     * transaction the setting is put back right after.
     */
    private void declaredPerPartyPg(String[] partyIds, org.springframework.jdbc.core.RowCallbackHandler add) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) con -> {
            boolean own = con.getAutoCommit();
            if (own) con.setAutoCommit(false);
            try (java.sql.PreparedStatement jit = con.prepareStatement("SELECT current_setting('jit'), set_config('jit', 'off', true)");
                 java.sql.PreparedStatement ps = con.prepareStatement(DECLARED_PER_PARTY_PG)) {
                String was;
                try (java.sql.ResultSet rs = jit.executeQuery()) {
                    rs.next();
                    was = rs.getString(1);
                }
                ps.setArray(1, con.createArrayOf("varchar", partyIds));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) add.processRow(rs);
                }
                if (own) {
                    con.commit();
                } else {
                    try (java.sql.PreparedStatement back = con.prepareStatement("SELECT set_config('jit', ?, true)")) {
                        back.setString(1, was);
                        back.execute();
                    }
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                if (own) con.rollback();
                throw e;
            } finally {
                if (own) con.setAutoCommit(true);
            }
            return null;
        });
    }

    private static Object earliest(Object a, Object b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.toString().compareTo(b.toString()) <= 0 ? a : b;
    }

    @Override
    public void submittedSince(Instant since, int limit, Consumer<InspectedDeclaration> sink) {
        jdbc.query("""
                SELECT d.id, d.payload, (SELECT COUNT(*) FROM inspection_result r WHERE r.declaration_id = d.id) AS inspected,
                  (SELECT COUNT(*) FROM inspection_result r WHERE r.declaration_id = d.id AND %s) AS irregular
                FROM declaration d WHERE d.submitted_at >= ? ORDER BY d.submitted_at DESC LIMIT ?""".formatted(IRREGULAR_OUTCOME), rs -> {
            sink.accept(new InspectedDeclaration(rs.getString("id"), rs.getString("payload"), rs.getLong("inspected"),
                    rs.getLong("irregular")));
        }, Timestamp.from(since), limit);
    }
}
