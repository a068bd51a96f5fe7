package org.smartcustoms.server.enforcement;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smartcustoms.enforcement.CommodityCategory;
import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.DetectionMethod;
import org.smartcustoms.enforcement.EnforcementStore;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Involvement;
import org.smartcustoms.enforcement.Link;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.enforcement.SuspicionReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@link EnforcementStore} on the {@code enf_*} tables. A seizure's involved persons and companies and its
 * declarations are its links ({@code enf_link} with the seizure as {@code to}); a suspicion's subjects are kept
 * on the report version and as links.
 */
@Repository
class JdbcEnforcementStore implements EnforcementStore {
    private static final int IN_CHUNK = 500;
    private final JdbcTemplate jdbc;

    JdbcEnforcementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(String counter) {
        // the row lock of the UPDATE serialises concurrent callers until their transaction ends
        if (jdbc.update("UPDATE enf_counter SET next_value = next_value + 1 WHERE name = ?", counter) == 0) {
            throw new IllegalStateException("no enforcement counter " + counter);
        }
        Long v = jdbc.queryForObject("SELECT next_value FROM enf_counter WHERE name = ?", Long.class, counter);
        return v - 1;
    }

    // ------------------------------------------------------------------ seizures

    @Override
    public void insertSeizure(Seizure s, String key) {
        jdbc.update("""
                INSERT INTO enf_seizure (id, seizure_date, office, detection_method, category, goods, quantity, unit, value_amount,
                  currency, concealment, conveyance, route_departure, route_transit, route_destination, inspection_result_id,
                  outcome, idempotency_key, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), Date.valueOf(s.date()), s.office(), s.detectionMethod().name(), s.category().name(), s.goods(), s.quantity(),
                s.unit(), s.value(), s.currency(), s.concealment(), s.conveyance(), s.route().departure(),
                s.route().transit().isEmpty() ? null : String.join("|", s.route().transit()), s.route().destination(),
                s.inspectionResultId(), s.outcome(), key, s.recordedBy(), Timestamp.from(s.recordedAt()));
        List<Link> links = new ArrayList<>();
        EntityRef me = new EntityRef(EntityType.SEIZURE, s.id());
        for (Involvement i : s.involved()) links.add(new Link(i.entity(), me, i.role()));
        for (String d : s.declarationIds()) links.add(new Link(new EntityRef(EntityType.DECLARATION, d), me, "DECLARATION"));
        insertLinks(links);
    }

    @Override
    public Optional<Seizure> seizure(String id) {
        return seizures("SELECT * FROM enf_seizure WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<String> seizureByKey(String key) {
        return jdbc.queryForList("SELECT id FROM enf_seizure WHERE idempotency_key = ?", String.class, key).stream().findFirst();
    }

    @Override
    public List<Seizure> seizures(int limit, int offset) {
        return seizures("SELECT * FROM enf_seizure ORDER BY recorded_at DESC, id DESC LIMIT ? OFFSET ?", limit, offset);
    }

    @Override
    public List<Seizure> allSeizures() {
        return seizures("SELECT * FROM enf_seizure ORDER BY id");
    }

    private List<Seizure> seizures(String sql, Object... args) {
        List<Map<String, Object>> rows = jdbc.queryForList(sql, args);
        if (rows.isEmpty()) return List.of();
        Map<String, List<Link>> links = new HashMap<>();
        List<EntityRef> refs = rows.stream().map(r -> new EntityRef(EntityType.SEIZURE, (String) r.get("id"))).toList();
        for (Link l : linksOf(refs)) if (l.to().type() == EntityType.SEIZURE) links.computeIfAbsent(l.to().id(), k -> new ArrayList<>()).add(l);
        List<Seizure> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            String id = (String) r.get("id");
            List<Involvement> involved = new ArrayList<>();
            List<String> declarations = new ArrayList<>();
            for (Link l : links.getOrDefault(id, List.of())) {
                if (l.from().type() == EntityType.DECLARATION) declarations.add(l.from().id());
                else if (l.from().type() == EntityType.PERSON || l.from().type() == EntityType.COMPANY) involved.add(new Involvement(l.from(), l.role()));
            }
            String transit = (String) r.get("route_transit");
            Number resultId = (Number) r.get("inspection_result_id");
            out.add(new Seizure(id, ((Date) r.get("seizure_date")).toLocalDate(), (String) r.get("office"),
                    DetectionMethod.valueOf((String) r.get("detection_method")), CommodityCategory.valueOf((String) r.get("category")),
                    (String) r.get("goods"), (java.math.BigDecimal) r.get("quantity"), (String) r.get("unit"),
                    (java.math.BigDecimal) r.get("value_amount"), (String) r.get("currency"), (String) r.get("concealment"),
                    (String) r.get("conveyance"), new Seizure.Route((String) r.get("route_departure"),
                    transit == null ? List.of() : Arrays.asList(transit.split("\\|")), (String) r.get("route_destination")),
                    involved, declarations, resultId == null ? null : resultId.longValue(), (String) r.get("outcome"),
                    (String) r.get("recorded_by"), ((Timestamp) r.get("recorded_at")).toInstant()));
        }
        return out;
    }

    // ------------------------------------------------------------------ persons

    @Override
    public void insertPerson(Person p) {
        jdbc.update("""
                INSERT INTO enf_person (id, version, name, birth_date, nationality, document_number, address, phone, review_date,
                  recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                p.id(), p.version(), p.name(), date(p.birthDate()), p.nationality(), p.documentNumber(), p.address(), p.phone(),
                date(p.reviewDate()), p.recordedBy(), Timestamp.from(p.recordedAt()));
    }

    @Override
    public List<Person> personVersions(String id) {
        return jdbc.query("SELECT * FROM enf_person WHERE id = ? ORDER BY version", JdbcEnforcementStore::person, id);
    }

    @Override
    public List<Person> persons(int limit, int offset) {
        return jdbc.query("SELECT * FROM enf_person p WHERE version = (SELECT MAX(version) FROM enf_person q WHERE q.id = p.id)"
                + " ORDER BY id DESC LIMIT ? OFFSET ?", JdbcEnforcementStore::person, limit, offset);
    }

    @Override
    public List<Person> latestPersons(Collection<String> ids) {
        return latest("enf_person", ids, JdbcEnforcementStore::person);
    }

    private static Person person(ResultSet rs, int n) throws SQLException {
        return new Person(rs.getString("id"), rs.getInt("version"), rs.getString("name"), local(rs.getDate("birth_date")),
                rs.getString("nationality"), rs.getString("document_number"), rs.getString("address"), rs.getString("phone"),
                local(rs.getDate("review_date")), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    // ------------------------------------------------------------------ companies

    @Override
    public void insertCompany(Company c) {
        jdbc.update("""
                INSERT INTO enf_company (id, version, name, party_id, country, address, phone, review_date, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.id(), c.version(), c.name(), c.partyId(), c.country(), c.address(), c.phone(), date(c.reviewDate()),
                c.recordedBy(), Timestamp.from(c.recordedAt()));
    }

    @Override
    public List<Company> companyVersions(String id) {
        return jdbc.query("SELECT * FROM enf_company WHERE id = ? ORDER BY version", JdbcEnforcementStore::company, id);
    }

    @Override
    public List<Company> companies(int limit, int offset) {
        return jdbc.query("SELECT * FROM enf_company p WHERE version = (SELECT MAX(version) FROM enf_company q WHERE q.id = p.id)"
                + " ORDER BY id DESC LIMIT ? OFFSET ?", JdbcEnforcementStore::company, limit, offset);
    }

    @Override
    public Optional<Company> companyByPartyId(String partyId) {
        return jdbc.query("SELECT * FROM enf_company p WHERE party_id = ? AND version = (SELECT MAX(version) FROM enf_company q"
                + " WHERE q.id = p.id) ORDER BY id", JdbcEnforcementStore::company, partyId).stream().findFirst();
    }

    @Override
    public List<Company> latestCompanies(Collection<String> ids) {
        return latest("enf_company", ids, JdbcEnforcementStore::company);
    }

    private static Company company(ResultSet rs, int n) throws SQLException {
        return new Company(rs.getString("id"), rs.getInt("version"), rs.getString("name"), rs.getString("party_id"),
                rs.getString("country"), rs.getString("address"), rs.getString("phone"), local(rs.getDate("review_date")),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    // ------------------------------------------------------------------ suspicions

    @Override
    public void insertSuspicion(SuspicionReport r) {
        jdbc.update("""
                INSERT INTO enf_suspicion (id, version, source, reliability, information_grade, summary, subjects, follow_up, status,
                  review_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                r.id(), r.version(), r.source(), r.reliability().name(), r.informationGrade(), r.summary(),
                r.subjects().stream().map(EntityRef::toString).collect(Collectors.joining("|")), r.followUp(), r.status().name(),
                date(r.reviewDate()), r.recordedBy(), Timestamp.from(r.recordedAt()));
    }

    @Override
    public List<SuspicionReport> suspicionVersions(String id) {
        return jdbc.query("SELECT * FROM enf_suspicion WHERE id = ? ORDER BY version", JdbcEnforcementStore::suspicion, id);
    }

    @Override
    public List<SuspicionReport> suspicions(int limit, int offset) {
        return jdbc.query("SELECT * FROM enf_suspicion p WHERE version = (SELECT MAX(version) FROM enf_suspicion q WHERE q.id = p.id)"
                + " ORDER BY id DESC LIMIT ? OFFSET ?", JdbcEnforcementStore::suspicion, limit, offset);
    }

    private static SuspicionReport suspicion(ResultSet rs, int n) throws SQLException {
        String subjects = rs.getString("subjects");
        List<EntityRef> refs = subjects == null || subjects.isEmpty() ? List.of()
                : Arrays.stream(subjects.split("\\|")).map(EntityRef::parse).toList();
        return new SuspicionReport(rs.getString("id"), rs.getInt("version"), rs.getString("source"),
                SuspicionReport.Reliability.valueOf(rs.getString("reliability")), rs.getInt("information_grade"),
                rs.getString("summary"), refs, rs.getString("follow_up"), SuspicionReport.Status.valueOf(rs.getString("status")),
                local(rs.getDate("review_date")), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    // ------------------------------------------------------------------ links

    @Override
    public void insertLinks(Collection<Link> links) {
        if (links.isEmpty()) return;
        jdbc.batchUpdate("INSERT INTO enf_link (from_type, from_id, to_type, to_id, role) VALUES (?, ?, ?, ?, ?)",
                links.stream().map(l -> new Object[] {l.from().type().name(), l.from().id(), l.to().type().name(), l.to().id(), l.role()}).toList());
    }

    @Override
    public List<Link> linksOf(Collection<EntityRef> nodes) {
        if (nodes.isEmpty()) return List.of();
        Map<String, Link> out = new LinkedHashMap<>();
        Map<EntityType, List<String>> byType = new HashMap<>();
        for (EntityRef n : nodes) byType.computeIfAbsent(n.type(), k -> new ArrayList<>()).add(n.id());
        for (Map.Entry<EntityType, List<String>> e : byType.entrySet()) {
            List<String> ids = e.getValue();
            for (int i = 0; i < ids.size(); i += IN_CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                List<Object> args = new ArrayList<>();
                args.add(e.getKey().name());
                args.addAll(chunk);
                for (String side : List.of("from", "to")) {
                    jdbc.query("SELECT * FROM enf_link WHERE " + side + "_type = ? AND " + side + "_id IN (" + marks + ")", rs -> {
                        out.putIfAbsent(String.valueOf(rs.getLong("id")), new Link(
                                new EntityRef(EntityType.valueOf(rs.getString("from_type")), rs.getString("from_id")),
                                new EntityRef(EntityType.valueOf(rs.getString("to_type")), rs.getString("to_id")), rs.getString("role")));
                    }, args.toArray());
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The latest version of each of {@code ids} in a versioned table. */
    private <T> List<T> latest(String table, Collection<String> ids, org.springframework.jdbc.core.RowMapper<T> mapper) {
        if (ids.isEmpty()) return List.of();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(jdbc.query("SELECT * FROM " + table + " p WHERE id IN (" + marks + ") AND version = (SELECT MAX(version) FROM "
                    + table + " q WHERE q.id = p.id)", mapper, chunk.toArray()));
        }
        return out;
    }

    /** Persons, companies and suspicion reports whose latest version's review date is before {@code today}, oldest first. */
    List<Map<String, Object>> pastReview(LocalDate today, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : pastReviewRows(today, limit)) {
            out.add(Map.of("type", r.get("type"), "id", r.get("id"), "review_date", ((Date) r.get("review_date")).toLocalDate()));
        }
        return out;
    }

    private List<Map<String, Object>> pastReviewRows(LocalDate today, int limit) {
        String latest = " p WHERE review_date < ? AND version = (SELECT MAX(version) FROM %s q WHERE q.id = p.id)";
        return jdbc.queryForList("SELECT * FROM (SELECT 'PERSON' AS type, id, review_date FROM enf_person" + latest.formatted("enf_person")
                + " UNION ALL SELECT 'COMPANY' AS type, id, review_date FROM enf_company" + latest.formatted("enf_company")
                + " UNION ALL SELECT 'SUSPICION' AS type, id, review_date FROM enf_suspicion" + latest.formatted("enf_suspicion")
                + ") r ORDER BY review_date, type, id LIMIT ?", Date.valueOf(today), Date.valueOf(today), Date.valueOf(today), limit);
    }

    // ------------------------------------------------------------------ settings

    Optional<String> setting(String name) {
        return jdbc.queryForList("SELECT setting_value FROM enf_setting WHERE name = ?", String.class, name).stream().findFirst();
    }

    void saveSetting(String name, String value) {
        if (jdbc.update("UPDATE enf_setting SET setting_value = ? WHERE name = ?", value, name) == 0) {
            jdbc.update("INSERT INTO enf_setting (name, setting_value) VALUES (?, ?)", name, value);
        }
    }

    private static Date date(LocalDate d) { return d == null ? null : Date.valueOf(d); }

    private static LocalDate local(Date d) { return d == null ? null : d.toLocalDate(); }

    // ------------------------------------------------------------------ exchange (V13_1)

    /** The seizure ids and the time of an earlier import of a file with this fingerprint, if any. */
    Optional<Map<String, Object>> importOf(String fingerprint) {
        return jdbc.queryForList("SELECT file_name, seizures, first_seizure, imported_by, imported_at FROM enf_import WHERE fingerprint = ?",
                fingerprint).stream().findFirst();
    }

    void insertImport(String fingerprint, String fileName, int seizures, String firstSeizure, String actor, java.time.Instant at) {
        jdbc.update("INSERT INTO enf_import (fingerprint, file_name, seizures, first_seizure, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                fingerprint, fileName, seizures, firstSeizure, actor, java.sql.Timestamp.from(at));
    }

    /** A stored photo's description (no content). */
    record PhotoInfo(String id, String seizureId, String mediaType, int width, int height, String caption, String uploadedBy,
                     java.time.Instant uploadedAt) { }

    void insertPhoto(PhotoInfo p, byte[] content) {
        jdbc.update("""
                INSERT INTO enf_photo (id, seizure_id, media_type, width, height, caption, content, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", p.id(), p.seizureId(), p.mediaType(), p.width(), p.height(), p.caption(),
                content, p.uploadedBy(), java.sql.Timestamp.from(p.uploadedAt()));
    }

    List<PhotoInfo> photos(String seizureId) {
        return jdbc.query("SELECT id, seizure_id, media_type, width, height, caption, uploaded_by, uploaded_at FROM enf_photo "
                + "WHERE seizure_id = ? ORDER BY id", (rs, n) -> new PhotoInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()), seizureId);
    }

    /** The photo's media type and bytes, when it belongs to that seizure. */
    Optional<Map.Entry<String, byte[]>> photo(String seizureId, String photoId) {
        return jdbc.query("SELECT media_type, content FROM enf_photo WHERE seizure_id = ? AND id = ?",
                (rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2)), seizureId, photoId).stream().findFirst();
    }

    /** Seizure rows for the charts: date, category, route, concealment, quantity, unit, within the dates (inclusive). */
    List<Seizure> seizuresBetween(java.time.LocalDate from, java.time.LocalDate to, int limit) {
        return seizures("SELECT * FROM enf_seizure WHERE seizure_date >= ? AND seizure_date <= ? ORDER BY seizure_date, id LIMIT ?",
                Date.valueOf(from), Date.valueOf(to), limit);
    }

    /** Grouping expressions of the charts (fixed here: never built from input). */
    private static final Map<String, String> GROUPS = Map.of(
            "month", "CAST(EXTRACT(YEAR FROM seizure_date) AS INTEGER) * 100 + CAST(EXTRACT(MONTH FROM seizure_date) AS INTEGER)",
            "commodity", "category",
            "route", "COALESCE(route_departure, '?') || ' > ' || COALESCE(route_destination, '?')",
            "concealment", "COALESCE(LOWER(TRIM(concealment)), '')");

    /** Seizures counted by {@code by} (month, commodity, route, concealment) between the dates: [key, count] pairs. */
    List<Map.Entry<String, Long>> seizureCounts(String by, java.time.LocalDate from, java.time.LocalDate to, int limit) {
        String g = GROUPS.get(by);
        if (g == null) throw new IllegalArgumentException("by must be one of month, commodity, route, concealment");
        String order = by.equals("month") ? "k" : "n DESC, k";
        return jdbc.query("SELECT " + g + " AS k, COUNT(*) AS n FROM enf_seizure WHERE seizure_date >= ? AND seizure_date <= ? GROUP BY " + g
                        + " ORDER BY " + order + " LIMIT ?",
                (rs, n) -> Map.entry(String.valueOf(rs.getObject(1)), rs.getLong(2)), Date.valueOf(from), Date.valueOf(to), limit);
    }

    /**
     * {@code bench enforcement --jdbc-url}: an EMPTY PostgreSQL database (migrated here; refused when it holds
     * enforcement records, nothing is ever deleted), loaded with {@code COPY}, and the store the API reads it with.
     */
    static final class BenchDatabase implements AutoCloseable {
        private final org.springframework.jdbc.datasource.SingleConnectionDataSource ds;
        private final JdbcEnforcementStore store;

        private BenchDatabase(org.springframework.jdbc.datasource.SingleConnectionDataSource ds) {
            this.ds = ds;
            this.store = new JdbcEnforcementStore(new JdbcTemplate(ds));
        }

        static BenchDatabase open(String url, String user, String password) {
            if (!url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL URL (the load uses COPY)");
            var ds = new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, user, password, true);
            try {
                org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                JdbcTemplate jdbc = new JdbcTemplate(ds);
                for (String t : List.of("enf_seizure", "enf_person", "enf_company", "enf_link")) {
                    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Integer.class);
                    if (n != null && n > 0) throw new IllegalArgumentException(t + " is not empty: give an empty database (nothing is deleted here)");
                }
                return new BenchDatabase(ds);
            } catch (RuntimeException e) {
                ds.destroy();
                throw e;
            }
        }

        JdbcEnforcementStore store() { return store; }

        org.smartcustoms.enforcement.bench.EnforcementBenchmark.Sink sink(java.util.function.Consumer<String> progress) {
            try {
                return new CopySink(ds.getConnection(), progress);
            } catch (SQLException e) {
                throw new IllegalStateException("database: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() { ds.destroy(); }

        /** Loads the generated records with COPY, in chunks; ANALYZE at the end so the planner knows the sizes. */
        static final class CopySink implements org.smartcustoms.enforcement.bench.EnforcementBenchmark.Sink {
            private static final int CHUNK = 50_000;
            private static final String AT = "2026-01-01 00:00:00";
            private final java.sql.Connection conn;
            private final java.util.function.Consumer<String> progress;
            private final StringBuilder companies = new StringBuilder();
            private final StringBuilder persons = new StringBuilder();
            private final StringBuilder seizures = new StringBuilder();
            private final StringBuilder links = new StringBuilder();
            private int nCompanies;
            private int nPersons;
            private int nSeizures;
            private int nLinks;
            private boolean closed;

            CopySink(java.sql.Connection conn, java.util.function.Consumer<String> progress) {
                this.conn = conn;
                this.progress = progress;
            }

            @Override
            public void company(String id, String name, String partyId) {
                companies.append(id).append(",1,").append(q(name)).append(',').append(q(partyId)).append(",,,,,bench,").append(AT).append('\n');
                if (++nCompanies % CHUNK == 0) flush();
            }

            @Override
            public void person(String id, String name) {
                persons.append(id).append(",1,").append(q(name)).append(",,,,,,,bench,").append(AT).append('\n');
                if (++nPersons % CHUNK == 0) flush();
            }

            @Override
            public void seizure(String id, java.time.LocalDate date, String goods, String concealment, int kilograms, org.smartcustoms.enforcement.CommodityCategory category,
                                List<EntityRef> involved) {
                seizures.append(id).append(',').append(date).append(",BENCH,XRAY,").append(category.name()).append(',').append(q(goods))
                        .append(',').append(kilograms).append(",KG,,,").append(q(concealment)).append(",,,,,,,,bench,").append(AT).append('\n');
                for (EntityRef e : involved) {
                    links.append(e.type().name()).append(',').append(e.id()).append(",SEIZURE,").append(id).append(',')
                            .append(e.type() == EntityType.COMPANY ? "IMPORTER" : "OFFENDER").append('\n');
                    nLinks++;
                }
                if (++nSeizures % CHUNK == 0) flush();
            }

            private void flush() {
                copy("enf_company (id, version, name, party_id, country, address, phone, review_date, recorded_by, recorded_at)", companies);
                copy("enf_person (id, version, name, birth_date, nationality, document_number, address, phone, review_date, recorded_by, recorded_at)", persons);
                copy("enf_seizure (id, seizure_date, office, detection_method, category, goods, quantity, unit, value_amount, currency, concealment, "
                        + "conveyance, route_departure, route_transit, route_destination, inspection_result_id, outcome, idempotency_key, recorded_by, recorded_at)",
                        seizures);
                copy("enf_link (from_type, from_id, to_type, to_id, role)", links);
            }

            private void copy(String table, StringBuilder rows) {
                if (rows.isEmpty()) return;
                try {
                    conn.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new java.io.StringReader(rows.toString()));
                } catch (SQLException | java.io.IOException e) {
                    throw new IllegalStateException("COPY into " + table + ": " + e.getMessage(), e);
                }
                rows.setLength(0);
            }

            private static String q(String s) {
                return s == null ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
            }

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                flush();
                try (var st = conn.createStatement()) {
                    st.execute("ANALYZE enf_company");
                    st.execute("ANALYZE enf_person");
                    st.execute("ANALYZE enf_seizure");
                    st.execute("ANALYZE enf_link");
                } catch (SQLException e) {
                    throw new IllegalStateException("ANALYZE: " + e.getMessage(), e);
                }
                progress.accept(String.format(java.util.Locale.ROOT, "database loaded: %d companies, %d persons, %d seizures, %d links",
                        nCompanies, nPersons, nSeizures, nLinks));
            }
        }
    }
}
