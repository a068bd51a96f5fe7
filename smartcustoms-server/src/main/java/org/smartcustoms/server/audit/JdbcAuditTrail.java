package org.smartcustoms.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link AuditTrail} on the {@code audit_event} table. Appends are serialised by a row lock on the one-row
 * {@code audit_head} table ({@code SELECT ... FOR UPDATE}, same on H2 and PostgreSQL): the lock is held to the
 * end of the caller's transaction, so two transactions can never both chain onto the same predecessor, and a
 * rolled-back transaction rolls back its entries and the head together (no gaps). Timestamps are stored as
 * UTC {@link LocalDateTime}, so verification gives the same hashes whatever the JVM's time zone.
 */
@Repository
public class JdbcAuditTrail implements AuditTrail, AuditLog {
    static final int MAX_REASON = 4000;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcAuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason, String details) {
        append(actor, action, subjectType, subjectId, reason, details);
    }

    /** Same as {@link #record} but returns the stored entry (for callers and tests that show it). */
    @Transactional
    public AuditEntry append(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason,
                             String details) {
        java.util.Objects.requireNonNull(action, "action");
        return append(actor, action.name(), subjectType == null ? null : subjectType.code(), subjectId, reason, details);
    }

    /** The stored form: {@link AuditAction#name()} and {@link AuditSubject#code()}, which is what gets hashed. */
    private AuditEntry append(String actor, String action, String subjectType, String subjectId, String reason, String details) {
        String who = actor == null || actor.isBlank() ? SYSTEM : cut(actor, 64);
        String why = reason == null ? null : cut(reason, MAX_REASON);
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prev = (String) head.get("hash");
        Instant at = AuditHash.normalise(clock.instant());
        String type = subjectType == null ? null : cut(subjectType, 32);
        String id = subjectId == null ? null : cut(subjectId, 128);
        String hash = AuditHash.hash(seq, at, who, action, type, id, why, details, prev);
        jdbc.update("""
                INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                seq, LocalDateTime.ofInstant(at, ZoneOffset.UTC), who, action, type, id, why, details, prev, hash);
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
        return new AuditEntry(seq, at, who, action, type, id, why, details, prev, hash);
    }

    @Override
    @Transactional(readOnly = true)
    public AuditPage find(String actor, String action, String subjectId, int page, int size) {
        if (page < 0) throw new IllegalArgumentException("page must be >= 0");
        if (size < 1 || size > 500) throw new IllegalArgumentException("size must be between 1 and 500");
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (actor != null && !actor.isBlank()) { where.append(" AND actor = ?"); args.add(actor); }
        if (action != null && !action.isBlank()) { where.append(" AND action = ?"); args.add(action); }
        if (subjectId != null && !subjectId.isBlank()) { where.append(" AND subject_id = ?"); args.add(subjectId); }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<AuditEntry> items = jdbc.query("SELECT * FROM audit_event" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                JdbcAuditTrail::row, args.toArray());
        return new AuditPage(total == null ? 0 : total, page, size, items);
    }

    @Override
    public List<AuditEntry> entriesAfter(long seq, int limit) {
        return jdbc.query("SELECT * FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?", JdbcAuditTrail::row, seq, limit);
    }

    @Override
    public Head head() {
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1");
        return new Head(((Number) head.get("seq")).longValue(), (String) head.get("hash"));
    }

    static AuditEntry row(ResultSet rs, int n) throws SQLException {
        LocalDateTime at = rs.getObject("at", LocalDateTime.class);
        return new AuditEntry(rs.getLong("seq"), at.toInstant(ZoneOffset.UTC), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("reason"), rs.getString("details"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
