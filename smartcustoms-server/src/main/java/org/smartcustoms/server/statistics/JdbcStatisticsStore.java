package org.smartcustoms.server.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.TableSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link StatisticsStore} on stat_table, research_project and research_extract. */
@Repository
class JdbcStatisticsStore implements StatisticsStore {
    private final JdbcTemplate jdbc;

    JdbcStatisticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Timestamp ts(Instant i) { return i == null ? null : Timestamp.from(i); }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static String join(Set<?> s) {
        return s.stream().map(Object::toString).collect(Collectors.joining(","));
    }

    private static Set<String> split(String s) {
        if (s == null || s.isBlank()) return Set.of();
        return new LinkedHashSet<>(Arrays.asList(s.split(",")));
    }

    @Override
    public void insertTable(StatTable t) {
        jdbc.update("INSERT INTO stat_table (id, name, flow, period_from, period_to, dimensions, status, published, created_by, created_at, published_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.name(), t.spec().flow().name(), t.spec().from().toString(), t.spec().to().toString(),
                t.spec().dimensions().stream().map(Dimension::code).collect(Collectors.joining(",")), t.status(), t.published(),
                t.createdBy(), ts(t.createdAt()), ts(t.publishedAt()));
    }

    @Override
    public void publish(String id, String publishedJson, Instant at) {
        jdbc.update("UPDATE stat_table SET status = 'PUBLISHED', published = ?, published_at = ? WHERE id = ?", publishedJson, ts(at), id);
    }

    private StatTable mapTable(ResultSet rs, int n) throws SQLException {
        TableSpec spec = new TableSpec(Flow.valueOf(rs.getString("flow")), YearMonth.parse(rs.getString("period_from")),
                YearMonth.parse(rs.getString("period_to")), Dimension.parseList(rs.getString("dimensions")));
        return new StatTable(rs.getString("id"), rs.getString("name"), spec, rs.getString("status"), rs.getString("published"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "published_at"));
    }

    @Override
    public Optional<StatTable> table(String id) {
        return jdbc.query("SELECT * FROM stat_table WHERE id = ?", this::mapTable, id).stream().findFirst();
    }

    @Override
    public List<StatTable> tables(String status) {
        return status == null ? jdbc.query("SELECT * FROM stat_table ORDER BY created_at DESC, id", this::mapTable)
                : jdbc.query("SELECT * FROM stat_table WHERE status = ? ORDER BY created_at DESC, id", this::mapTable, status);
    }

    @Override
    public void insertProject(Project p) {
        jdbc.update("INSERT INTO research_project (id, researcher, title, institution, purpose, legal_basis, period_from, period_to, "
                        + "end_date, fields, hs_chapters, flows, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.researcher(), p.title(), p.institution(), p.purpose(), p.legalBasis(), p.from().toString(), p.to().toString(),
                java.sql.Date.valueOf(p.endDate()), join(p.fields()), join(p.hsChapters()),
                p.flows().stream().map(Flow::name).collect(Collectors.joining(",")), p.status(), ts(p.createdAt()));
    }

    @Override
    public boolean decide(String id, String status, String secret, String by, String reason, Instant at) {
        return jdbc.update("UPDATE research_project SET status = ?, secret = ?, decided_by = ?, decision_reason = ?, decided_at = ? "
                + "WHERE id = ? AND status = 'SUBMITTED'", status, secret, by, reason, ts(at), id) == 1;
    }

    private Project mapProject(ResultSet rs, int n) throws SQLException {
        Set<Flow> flows = split(rs.getString("flows")).stream().map(Flow::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Project(rs.getString("id"), rs.getString("researcher"), rs.getString("title"), rs.getString("institution"),
                rs.getString("purpose"), rs.getString("legal_basis"), YearMonth.parse(rs.getString("period_from")),
                YearMonth.parse(rs.getString("period_to")), rs.getDate("end_date").toLocalDate(), split(rs.getString("fields")),
                split(rs.getString("hs_chapters")), flows, rs.getString("status"), rs.getString("decided_by"),
                rs.getString("decision_reason"), instant(rs, "created_at"), instant(rs, "decided_at"));
    }

    @Override
    public Optional<Project> project(String id) {
        return jdbc.query("SELECT * FROM research_project WHERE id = ?", this::mapProject, id).stream().findFirst();
    }

    @Override
    public Optional<String> secret(String id) {
        return jdbc.query("SELECT secret FROM research_project WHERE id = ? AND secret IS NOT NULL", (rs, n) -> rs.getString(1), id)
                .stream().findFirst();
    }

    @Override
    public List<Project> projects(String researcher) {
        return researcher == null ? jdbc.query("SELECT * FROM research_project ORDER BY created_at DESC, id", this::mapProject)
                : jdbc.query("SELECT * FROM research_project WHERE researcher = ? ORDER BY created_at DESC, id", this::mapProject, researcher);
    }

    @Override
    public void insertExtract(Extract e) {
        jdbc.update("INSERT INTO research_extract (id, project_id, requested_by, scope, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                e.id(), e.projectId(), e.requestedBy(), e.scope(), ts(e.expiresAt()), ts(e.createdAt()));
    }

    @Override
    public Optional<Extract> extract(String id) {
        return jdbc.query("SELECT * FROM research_extract WHERE id = ?", (rs, n) -> new Extract(rs.getString("id"),
                rs.getString("project_id"), rs.getString("requested_by"), rs.getString("scope"), instant(rs, "expires_at"),
                instant(rs, "downloaded_at"), instant(rs, "created_at")), id).stream().findFirst();
    }

    @Override
    public boolean markDownloaded(String id, Instant at, long rows, String fingerprint) {
        return jdbc.update("UPDATE research_extract SET downloaded_at = ?, row_count = ?, fingerprint = ? WHERE id = ? AND downloaded_at IS NULL",
                ts(at), rows, fingerprint, id) == 1;
    }
}
