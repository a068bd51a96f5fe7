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

import java.sql.Connection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link AuditTrail} on the {@code audit_event} table. Entries recorded in a transaction are kept in memory and
 * chained just before it commits ({@link TransactionSynchronization#beforeCommit}): then the one-row
 * {@code audit_head} is locked ({@code SELECT ... FOR UPDATE}, same on H2 and PostgreSQL), the entries get the next
 * sequence numbers, each its hash over the previous one, they are written in one batch (COPY on PostgreSQL) and the
 * head moves once. The lock is held only from there to the commit, so concurrent submissions do their own work in
 * parallel and serialise only on that short critical section; two transactions can still never both chain onto
 * the same predecessor, and a rolled-back transaction rolls back its entries and the head together (no gaps).
 * A batch of a thousand declarations is one chain extension of a few thousand entries and one head update.
 * Timestamps are stored as UTC {@link LocalDateTime}, so verification gives the same hashes whatever the JVM's
 * time zone.
 */
@Repository
public class JdbcAuditTrail implements AuditTrail, AuditLog {
    static final int MAX_REASON = 4000;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Boolean postgres;

    public JdbcAuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason, String details) {
        java.util.Objects.requireNonNull(action, "action");
        Draft d = draft(actor, action.name(), subjectType == null ? null : subjectType.code(), subjectId, reason, details);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            chain(List.of(d));
            return;
        }
        pending().add(d);
    }

    /**
     * Same as {@link #record} but writes at once and returns the stored entry (for callers and tests that show it);
     * entries recorded earlier in the transaction are chained first, so the order stays the order of the calls.
     */
    @Transactional
    public AuditEntry append(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason,
                             String details) {
        java.util.Objects.requireNonNull(action, "action");
        Draft d = draft(actor, action.name(), subjectType == null ? null : subjectType.code(), subjectId, reason, details);
        List<Draft> all = new ArrayList<>();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            List<Draft> p = pending();
            all.addAll(p);
            p.clear();
        }
        all.add(d);
        List<AuditEntry> written = chain(all);
        return written.get(written.size() - 1);
    }

    /** An entry in its stored form ({@link AuditAction#name()}, {@link AuditSubject#code()}), not yet chained. */
    private Draft draft(String actor, String action, String subjectType, String subjectId, String reason, String details) {
        String who = actor == null || actor.isBlank() ? SYSTEM : cut(actor, 64);
        String why = reason == null ? null : cut(reason, MAX_REASON);
        String type = subjectType == null ? null : cut(subjectType, 32);
        String id = subjectId == null ? null : cut(subjectId, 128);
        Instant at = AuditHash.normalise(clock.instant());
        return new Draft(at, who, action, type, id, why, details, AuditHash.prepare(at, who, action, type, id, why, details));
    }

    private record Draft(Instant at, String actor, String action, String subjectType, String subjectId, String reason,
                         String details, AuditHash.Prepared prepared) { }

    /**
     * This transaction's entries not yet chained, held by its synchronization (which Spring suspends and resumes with
     * the transaction, so an inner REQUIRES_NEW transaction gets its own); the first call registers the flush.
     */
    private List<Draft> pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Flush f && f.trail() == this) return f.drafts();
        }
        Flush f = new Flush(this, new ArrayList<>());
        TransactionSynchronizationManager.registerSynchronization(f);
        return f.drafts();
    }

    /** Chains the transaction's entries just before it commits (an exception here rolls the transaction back). */
    private static final class Flush implements TransactionSynchronization { // identity equality: the list changes
        private final JdbcAuditTrail trail;
        private final List<Draft> drafts;

        Flush(JdbcAuditTrail trail, List<Draft> drafts) {
            this.trail = trail;
            this.drafts = drafts;
        }

        JdbcAuditTrail trail() { return trail; }

        List<Draft> drafts() { return drafts; }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (drafts.isEmpty()) return;
            List<Draft> now = List.copyOf(drafts);
            drafts.clear();
            trail.chain(now);
        }
    }

    /** The critical section: lock the head, chain the entries onto it, write them in one batch, move the head. */
    private List<AuditEntry> chain(List<Draft> drafts) {
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
        long seq = ((Number) head.get("seq")).longValue();
        String prev = (String) head.get("hash");
        List<AuditEntry> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            seq++;
            String hash = d.prepared().hash(seq, prev);
            out.add(new AuditEntry(seq, d.at(), d.actor(), d.action(), d.subjectType(), d.subjectId(), d.reason(), d.details(), prev, hash));
            prev = hash;
        }
        if (out.size() > 50 && isPostgres()) {
            CopyIn copy = new CopyIn();
            for (AuditEntry e : out) {
                copy.row(e.seq(), LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.actor(), e.action(), e.subjectType(),
                        e.subjectId(), e.reason(), e.details(), e.prevHash(), e.hash());
            }
            jdbc.execute((ConnectionCallback<Long>) c -> copy.into(c,
                    "COPY audit_event (seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash) FROM STDIN"));
        } else {
            List<Object[]> rows = new ArrayList<>(out.size());
            for (AuditEntry e : out) {
                rows.add(new Object[] {e.seq(), LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.actor(), e.action(), e.subjectType(),
                        e.subjectId(), e.reason(), e.details(), e.prevHash(), e.hash()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
        return out;
    }

    private boolean isPostgres() {
        Boolean pg = postgres;
        if (pg == null) {
            pg = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres"));
            postgres = pg;
        }
        return pg;
    }

    /**
     * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), written with
     * pgjdbc's CopyManager on the caller's (transaction's) connection. Shared by the storage adapters that bulk-load.
     */
    public static final class CopyIn {
        private final StringBuilder sb = new StringBuilder(1 << 16);
        private int rows;

        public CopyIn row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) sb.append('\t');
                Object v = values[i];
                if (v == null) {
                    sb.append("\\N");
                } else if (v instanceof java.math.BigDecimal b) {
                    sb.append(b.toPlainString());
                } else if (v instanceof Number || v instanceof Boolean) {
                    sb.append(v);
                } else {
                    escape(v.toString());
                }
            }
            sb.append('\n');
            rows++;
            return this;
        }

        public int rows() { return rows; }

        private void escape(String s) {
            int n = s.length();
            int first = 0;
            while (first < n) {
                char ch = s.charAt(first);
                if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') break;
                first++;
            }
            sb.append(s, 0, first); // most values need no escape: one copy
            for (int i = first; i < n; i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
        }

        /** Runs {@code copySql} ({@code COPY table (columns) FROM STDIN}) on {@code c}; returns the rows written. */
        public long into(Connection c, String copySql) throws SQLException {
            if (rows == 0) return 0;
            try {
                return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copySql, new java.io.StringReader(sb.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            }
        }
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
