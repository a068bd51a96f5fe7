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

import java.io.OutputStream;
import java.sql.Connection;

import org.smartcustoms.server.JdbcDatabaseKind;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link AuditTrail} on the {@code audit_event} table. Entries recorded in a transaction are kept in memory until
 * it commits; how they then reach the hash chain depends on how many there are:
 * <ul>
 *   <li><b>A few</b> (a single submission, an officer's decision): just before the commit they are written to
 *       {@code audit_journal} with the transaction's other rows, without any lock, so they are as durable as the
 *       change they record. The commit wakes the <em>chain sequencer</em>, a thread of its own with a database
 *       connection of its own, which moves everything committed to the journal onto the chain in id order
 *       (milliseconds later; concurrent submissions commit in parallel and one run chains all of theirs: group
 *       commit; woken by a commit, the thread waits {@value #GATHER_MS} ms so that one run takes the commits of
 *       those milliseconds together). Only one run at a time per process, and across processes the run's lock on the one-row
 *       {@code audit_head} ({@code SELECT ... FOR UPDATE}) keeps the chain from forking. Readers of the trail
 *       ({@link #find}, verification, {@link #append}) first wait for a run that started after they asked
 *       ({@link #chainPending()}), so they never miss an entry of a committed change; a crash between the commit and
 *       the chaining leaves entries in the journal, chained at the next start-up or read.</li>
 *   <li><b>Many</b> ({@value #DIRECT_CHAIN_MIN} or more, a bulk batch): chained straight onto the head just before
 *       the commit (lock, next sequence numbers, one COPY, head moved once), holding the head lock only to that
 *       commit: writing them to the journal first would cost a second write, read and delete of every entry.</li>
 * </ul>
 * Either way a rolled-back transaction rolls back its entries (no gaps), and the chain order is the order in which
 * entries were chained. Timestamps are stored as UTC {@link LocalDateTime}, so verification gives the same hashes
 * whatever the JVM's time zone.
 */
@Repository
public class JdbcAuditTrail implements AuditTrail, AuditLog {
    static final int MAX_REASON = 4000;
    /** From this many entries in one transaction on, they are chained before the commit instead of journalled. */
    static final int DIRECT_CHAIN_MIN = 200;
    /**
     * How long the sequencer's thread, woken by a commit, waits for more commits before it chains them all. Each run
     * costs about six round trips on its own connection and one WAL flush, whatever it chains: at 10 ms the sequencer
     * ran once or twice per submission at 100 submissions/s, a quarter of the server's system calls and a third of
     * PostgreSQL's (docs/intake.md, "Session 15"); at 50 ms it runs at most about 20 times a second. Nobody waits
     * for this delay: readers run the sequencer themselves ({@link #chainPending()}), and the entries are durable in
     * the journal from their own commit on.
     */
    static final long GATHER_MS = 50;
    /** Journal entries chained per sequencer transaction. */
    static final int JOURNAL_PAGE = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditTrail.class);
    private static final String EVENT_COLUMNS = "seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash";
    private static final String JOURNAL_COLUMNS = "at, actor, action, subject_type, subject_id, reason, details";
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DataSourceProperties database;
    private final Sequencer sequencer = new Sequencer();
    private final JdbcDatabaseKind kind;

    public JdbcAuditTrail(JdbcTemplate jdbc, Clock clock, DataSourceProperties database, JdbcDatabaseKind kind) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.clock = clock;
        this.database = database;
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
     * Timestamps the entries now and makes, on the caller's thread, what does not depend on the chain: each entry's
     * canonical form without seq and prev_hash ({@link AuditHash#prepare}) and its COPY text, so that chaining them in
     * the batch's transaction costs one SHA-256 and a few appends per entry.
     */
    @Override
    public Prepared prepare(List<Entry> entries) {
        List<Draft> drafts = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Draft d = draft(e.actor(), e.action().name(), e.subjectType() == null ? null : e.subjectType().code(), e.subjectId(),
                    e.reason(), e.details());
            drafts.add(d.withCopyText());
        }
        return new Batch(List.copyOf(drafts));
    }

    private record Batch(List<Draft> drafts) implements Prepared {
        @Override public int size() { return drafts.size(); }
    }

    @Override
    @Transactional
    public void record(List<Prepared> parts) {
        List<Draft> all = new ArrayList<>();
        for (Prepared p : parts) {
            if (!(p instanceof Batch b)) throw new IllegalArgumentException("entries not prepared by this trail");
            all.addAll(b.drafts());
        }
        if (all.isEmpty()) return;
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            chain(all);
            return;
        }
        pending().addAll(all);
    }

    /**
     * Same as {@link #record} but chains at once, in the caller's transaction, and returns the stored entry (for
     * callers and tests that show it); entries recorded earlier in the transaction are chained first, so the order
     * stays the order of the calls.
     */
    @Transactional
    public AuditEntry append(String actor, AuditAction action, AuditSubject subjectType, String subjectId, String reason,
                             String details) {
        java.util.Objects.requireNonNull(action, "action");
        chainPending(); // entries committed before this call come first on the chain
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
        Draft d = stored(actor, action, subjectType, subjectId, reason, details);
        return draft(d.at(), d.actor(), d.action(), d.subjectType(), d.subjectId(), d.reason(), d.details());
    }

    /**
     * The entry's stored fields only (timestamped now, cut to their columns), without the prepared hash: what the
     * journal keeps, the sequencer preparing the hash from the journal row when it chains it.
     */
    private Draft stored(String actor, String action, String subjectType, String subjectId, String reason, String details) {
        String who = actor == null || actor.isBlank() ? SYSTEM : cut(actor, 64);
        String why = reason == null ? null : cut(reason, MAX_REASON);
        String type = subjectType == null ? null : cut(subjectType, 32);
        String id = subjectId == null ? null : cut(subjectId, 128);
        return new Draft(AuditHash.normalise(clock.instant()), who, action, type, id, why, details, null, null);
    }

    private static Draft draft(Instant at, String actor, String action, String subjectType, String subjectId, String reason, String details) {
        return new Draft(at, actor, action, subjectType, subjectId, reason, details,
                AuditHash.prepare(at, actor, action, subjectType, subjectId, reason, details), null);
    }

    /**
     * {@code copyText}: the entry's columns from {@code at} to {@code details} in COPY text form (UTF-8), or null (made
     * when needed).
     */
    private record Draft(Instant at, String actor, String action, String subjectType, String subjectId, String reason,
                         String details, AuditHash.Prepared prepared, byte[] copyText) {
        Draft withCopyText() {
            return new Draft(at, actor, action, subjectType, subjectId, reason, details, prepared, copyRow());
        }

        byte[] copyRow() {
            return copyText != null ? copyText : CopyIn.bytes(LocalDateTime.ofInstant(at, ZoneOffset.UTC), actor, action, subjectType,
                    subjectId, reason, details);
        }
    }

    /**
     * This transaction's entries not yet written, held by its synchronization (which Spring suspends and resumes with
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

    /**
     * Before the commit: a bulk of entries is chained at once, a few are journalled (an exception here rolls the
     * transaction back). After the commit: journalled entries are chained before the caller goes on.
     */
    private static final class Flush implements TransactionSynchronization { // identity equality: the list changes
        private final JdbcAuditTrail trail;
        private final List<Draft> drafts;
        private boolean journalled;

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
            if (now.size() >= DIRECT_CHAIN_MIN) {
                trail.chain(now);
            } else {
                trail.journal(now);
                journalled = true;
            }
        }

        @Override
        public void afterCommit() {
            if (journalled) trail.sequencer.wake();
        }
    }

    /**
     * For a writer that journals a few entries in a statement of its own, together with the change they record (a
     * single submission on PostgreSQL: one autocommitted statement, see {@code JdbcDeclarationStore#insertCommitted}):
     * the journal INSERT for {@code entries}, its parameters appended to {@code parameters} in order. The entries are
     * timestamped now. Once that statement has committed the writer calls {@link #journalCommitted()}.
     */
    public String journalInsert(List<Entry> entries, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(64 + entries.size() * 24).append("INSERT INTO audit_journal (").append(JOURNAL_COLUMNS).append(") VALUES ");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            // the journal row only: its hash is prepared by the sequencer, from the row, when it chains it
            Draft d = stored(e.actor(), e.action().name(), e.subjectType() == null ? null : e.subjectType().code(), e.subjectId(),
                    e.reason(), e.details());
            sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)");
            java.util.Collections.addAll(parameters, LocalDateTime.ofInstant(d.at(), ZoneOffset.UTC), d.actor(), d.action(),
                    d.subjectType(), d.subjectId(), d.reason(), d.details());
        }
        return sql.toString();
    }

    /** Entries journalled by a writer's own statement ({@link #journalInsert}) have committed: the sequencer chains them. */
    public void journalCommitted() {
        sequencer.wake();
    }

    /** Writes entries to the journal, in the caller's transaction. */
    private void journal(List<Draft> drafts) {
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            rows.add(new Object[] {LocalDateTime.ofInstant(d.at(), ZoneOffset.UTC), d.actor(), d.action(), d.subjectType(),
                    d.subjectId(), d.reason(), d.details()});
        }
        jdbc.batchUpdate("INSERT INTO audit_journal (" + JOURNAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Locks the head and chains the entries onto it, in the caller's transaction. */
    private List<AuditEntry> chain(List<Draft> drafts) {
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
        return link(jdbc, drafts, ((Number) head.get("seq")).longValue(), (String) head.get("hash"));
    }

    /** With the head locked at {@code seq}/{@code prev}: hashes the entries, writes them in one batch, moves the head. */
    private List<AuditEntry> link(JdbcTemplate jdbc, List<Draft> drafts, long seq, String prev) {
        List<AuditEntry> out = new ArrayList<>(drafts.size());
        boolean copying = drafts.size() > 50 && kind.isPostgres();
        CopyIn copy = copying ? new CopyIn(drafts.size() * 512) : null;
        for (Draft d : drafts) {
            seq++;
            String hash = d.prepared().hash(seq, prev);
            out.add(new AuditEntry(seq, d.at(), d.actor(), d.action(), d.subjectType(), d.subjectId(), d.reason(), d.details(), prev, hash));
            if (copying) copy.number(seq).tab().raw(d.copyRow()).tab().value(prev).tab().value(hash).end();
            prev = hash;
        }
        if (copying) {
            jdbc.execute((ConnectionCallback<Long>) c -> copy.into(c, "COPY audit_event (" + EVENT_COLUMNS + ") FROM STDIN"));
        } else {
            List<Object[]> rows = new ArrayList<>(out.size());
            for (AuditEntry e : out) {
                rows.add(new Object[] {e.seq(), LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.actor(), e.action(), e.subjectType(),
                        e.subjectId(), e.reason(), e.details(), e.prevHash(), e.hash()});
            }
            jdbc.batchUpdate("INSERT INTO audit_event (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
        return out;
    }

    /**
     * One sequencer transaction: locks the head, chains up to {@value #JOURNAL_PAGE} committed journal entries in
     * id order and deletes them from the journal by id (an entry with a lower id that commits later stays for the next
     * run). Returns how many it chained.
     */
    private int chainJournalPage() {
        JdbcTemplate jdbc = sequencer.jdbc();
        Integer n = sequencer.tx().execute(st -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
            List<Long> ids = new ArrayList<>();
            List<Draft> drafts = jdbc.query("SELECT id, " + JOURNAL_COLUMNS + " FROM audit_journal ORDER BY id LIMIT ?", (rs, i) -> {
                ids.add(rs.getLong("id"));
                return draft(rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("reason"),
                        rs.getString("details"));
            }, JOURNAL_PAGE);
            if (drafts.isEmpty()) return 0;
            link(jdbc, drafts, ((Number) head.get("seq")).longValue(), (String) head.get("hash"));
            if (kind.isPostgres()) {
                jdbc.execute((ConnectionCallback<Integer>) c -> {
                    try (var ps = c.prepareStatement("DELETE FROM audit_journal WHERE id = ANY(?)")) {
                        ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                        return ps.executeUpdate();
                    }
                });
            } else {
                jdbc.batchUpdate("DELETE FROM audit_journal WHERE id = ?", ids.stream().map(id -> new Object[] {id}).toList());
            }
            return drafts.size();
        });
        return n == null ? 0 : n;
    }

    /** Chains every journal entry committed before this call (and any committed meanwhile); returns when done. */
    @Override
    public void chainPending() {
        sequencer.awaitRunAfterNow();
    }

    /** Entries left in the journal by a crash are chained when the application is up. */
    @EventListener(ApplicationReadyEvent.class)
    void chainLeftovers() {
        try {
            chainPending();
        } catch (RuntimeException e) {
            LOG.warn("audit entries left from before the start could not be chained yet: {}", e.getMessage());
        }
    }

    /** On shutdown: the journal is chained one last time (what is left is chained at the next start). */
    @PreDestroy
    void closeSequencer() {
        sequencer.close();
    }

    /**
     * Chain extensions from the journal, one run at a time in this process. A caller of {@link #awaitRunAfterNow}
     * waits for a run that started after it asked; whoever finds no run going runs it for everybody waiting. Commits
     * only {@link #wake} the sequencer's own thread, which then runs. A run that fails leaves the entries in the
     * journal; its caller gets the exception (the thread logs it and retries on the next wake-up or after a second).
     * Runs use a connection of their own (a pool of one, opened on first use), never one of the application's pool.
     */
    private final class Sequencer {
        private long requested;
        private long completed;
        private boolean running;
        private HikariDataSource pool;
        private JdbcTemplate jdbc;
        private TransactionTemplate tx;
        private final java.util.concurrent.Semaphore wakeUps = new java.util.concurrent.Semaphore(0);
        private Thread thread;
        private volatile boolean closing;

        void wake() {
            if (thread == null) start();
            wakeUps.release();
        }

        private synchronized void start() {
            if (thread != null || closing) return;
            Thread t = new Thread(this::loop, "audit-sequencer");
            t.setDaemon(true);
            t.start();
            thread = t;
        }

        private void loop() {
            while (!closing) {
                try {
                    if (wakeUps.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        // let the commits of the next few milliseconds join this run: one chain transaction (and
                        // one WAL flush) for all of them instead of one each. Readers do not wait for this: they
                        // run the sequencer themselves (awaitRunAfterNow).
                        Thread.sleep(GATHER_MS);
                    }
                    wakeUps.drainPermits();
                    if (closing) break;
                    awaitRunAfterNow();
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("audit entries committed but not chained yet: {}", e.getMessage());
                }
            }
        }

        synchronized JdbcTemplate jdbc() {
            open();
            return jdbc;
        }

        synchronized TransactionTemplate tx() {
            open();
            return tx;
        }

        private void open() {
            if (pool != null) return;
            HikariDataSource ds = org.smartcustoms.server.ops.PostgresConnections.tune(
                    database.initializeDataSourceBuilder().type(HikariDataSource.class).build());
            ds.setPoolName("audit-sequencer");
            ds.setMaximumPoolSize(1);
            ds.setMinimumIdle(0);
            pool = ds;
            jdbc = new JdbcTemplate(ds);
            tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        }

        void close() {
            closing = true;
            Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    awaitRunAfterNow();
                } catch (RuntimeException e) {
                    LOG.warn("audit entries left in the journal until the next start: {}", e.getMessage());
                }
            }
            synchronized (this) {
                if (pool != null) pool.close();
            }
        }

        void awaitRunAfterNow() {
            long ticket;
            long serving;
            synchronized (this) {
                ticket = ++requested;
                while (true) {
                    if (completed >= ticket) return;
                    if (!running) break;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // committed and journalled: the next run chains it
                    }
                }
                running = true;
                serving = requested;
            }
            boolean ok = false;
            try {
                while (chainJournalPage() == JOURNAL_PAGE) {
                    // a full page: more may be waiting
                }
                ok = true;
            } finally {
                synchronized (this) {
                    running = false;
                    if (ok) completed = Math.max(completed, serving);
                    notifyAll();
                }
            }
        }
    }

    /**
     * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), written with
     * pgjdbc's CopyManager on the caller's (transaction's) connection. Shared by the storage adapters that bulk-load.
     *
     * <p>The rows are kept as the UTF-8 bytes the connection takes, escaped as they are appended (ASCII characters
     * byte by byte, no intermediate string), and a {@link Streamed} value (a JSON document) is written straight into
     * them through an escaping stream.
     */
    public static final class CopyIn {
        private byte[] buf;
        private int len;
        private int rows;
        private final OutputStream escaping = new OutputStream() {
            @Override public void write(int b) { escapeByte((byte) b); }

            @Override public void write(byte[] b, int off, int n) { escapeBytes(b, off, n); }
        };

        public CopyIn() { this(1 << 16); }

        /** With room for {@code bytes} bytes before it grows. */
        public CopyIn(int bytes) { this.buf = new byte[Math.max(64, bytes)]; }

        /** A value written as UTF-8 bytes (e.g. a JSON document by a streaming generator), escaped on the way in. */
        @FunctionalInterface
        public interface Streamed {
            void writeTo(OutputStream out) throws java.io.IOException;

            /** The value as a string (for a JDBC parameter instead of COPY). */
            default String asString() {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
                try {
                    writeTo(out);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return out.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        public CopyIn row(Object... values) {
            append(values);
            put((byte) '\n');
            rows++;
            return this;
        }

        /** Appends a row already in COPY text form ({@link #text}), without its line end. */
        public CopyIn line(String text) {
            putUtf8(text, false);
            put((byte) '\n');
            rows++;
            return this;
        }

        /** Appends a row already in COPY text form as UTF-8 bytes, without its line end. */
        public CopyIn line(byte[] text) {
            putRaw(text);
            put((byte) '\n');
            rows++;
            return this;
        }

        /**
         * A number; with {@link #tab}, {@link #raw} and {@link #value} a row is appended part by part, ended by
         * {@link #end}.
         */
        public CopyIn number(long v) {
            if (v >= 0 && v < 10) {
                put((byte) ('0' + v));
                return this;
            }
            putUtf8(Long.toString(v), false);
            return this;
        }

        public CopyIn tab() {
            put((byte) '\t');
            return this;
        }

        /** Bytes already in COPY text form. */
        public CopyIn raw(byte[] text) {
            putRaw(text);
            return this;
        }

        /** A value ({@link #row}'s rules). */
        public CopyIn value(Object v) {
            appendValue(v);
            return this;
        }

        /** Ends a row built part by part. */
        public CopyIn end() {
            put((byte) '\n');
            rows++;
            return this;
        }

        /** The values in COPY text form, as {@link #row} writes them but without the line end. */
        public static String text(Object... values) {
            return new String(bytes(values), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** {@link #text} as UTF-8 bytes. */
        public static byte[] bytes(Object... values) {
            CopyIn in = new CopyIn(256);
            in.append(values);
            return java.util.Arrays.copyOf(in.buf, in.len);
        }

        private void append(Object[] values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) put((byte) '\t');
                appendValue(values[i]);
            }
        }

        private void appendValue(Object v) {
            if (v == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else if (v instanceof String s) {
                putUtf8(s, true);
            } else if (v instanceof java.math.BigDecimal b) {
                putUtf8(b.toPlainString(), false);
            } else if (v instanceof Number || v instanceof Boolean) {
                putUtf8(v.toString(), false);
            } else if (v instanceof java.sql.Timestamp t) {
                timestamp(t);
            } else if (v instanceof Streamed s) {
                try {
                    s.writeTo(escaping);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                putUtf8(v.toString(), true);
            }
        }

        /** {@link java.sql.Timestamp#toString()} (the JVM's zone, nanos without trailing zeros), without its garbage. */
        private void timestamp(java.sql.Timestamp t) {
            @SuppressWarnings("deprecation") int year = t.getYear() + 1900;
            if (year < 1000 || year > 9999) {
                putUtf8(t.toString(), true);
                return;
            }
            @SuppressWarnings("deprecation") int month = t.getMonth() + 1, day = t.getDate(), hour = t.getHours(),
                    minute = t.getMinutes(), second = t.getSeconds();
            ensure(29);
            digits(year, 4); put((byte) '-'); digits(month, 2); put((byte) '-'); digits(day, 2); put((byte) ' ');
            digits(hour, 2); put((byte) ':'); digits(minute, 2); put((byte) ':'); digits(second, 2); put((byte) '.');
            int nanos = t.getNanos();
            if (nanos == 0) {
                put((byte) '0');
                return;
            }
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            digits(nanos, width);
        }

        private void digits(int v, int width) {
            ensure(width);
            for (int i = width - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len += width;
        }

        public int rows() { return rows; }

        /** The rows as COPY input in the connection's encoding (UTF-8), e.g. made ahead of the transaction that writes them. */
        public byte[] utf8() {
            return java.util.Arrays.copyOf(buf, len);
        }

        /**
         * Runs {@code copySql} on {@code c} with the parts ({@link #utf8} of CopyIns) one after the other as its
         * input, in one COPY; returns the rows written.
         */
        public static long into(Connection c, String copySql, List<byte[]> parts) throws SQLException {
            org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                for (byte[] p : parts) if (p.length > 0) in.writeToCopy(p, 0, p.length);
                return in.endCopy();
            } finally {
                if (in.isActive()) in.cancelCopy();
            }
        }

        /** Runs {@code copySql} ({@code COPY table (columns) FROM STDIN}) on {@code c}; returns the rows written. */
        public long into(Connection c, String copySql) throws SQLException {
            if (rows == 0) return 0;
            org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                in.writeToCopy(buf, 0, len);
                return in.endCopy();
            } finally {
                if (in.isActive()) in.cancelCopy();
            }
        }

        private void ensure(int more) {
            if (len + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }

        private void put(byte b) {
            if (len == buf.length) ensure(1);
            buf[len++] = b;
        }

        private void putRaw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        /** {@code s} as UTF-8, escaped for COPY when {@code escape}: ASCII byte by byte, the rest through the encoder. */
        private void putUtf8(String s, boolean escape) {
            int n = s.length();
            ensure(n);
            byte[] b = buf;
            int p = len;
            for (int i = 0; i < n; i++) {
                char ch = s.charAt(i);
                if (ch >= 0x80) { // not ASCII: the rest through the UTF-8 encoder (multi-byte sequences have no ASCII bytes)
                    len = p;
                    byte[] rest = s.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (escape) escapeBytes(rest, 0, rest.length); else putRaw(rest);
                    return;
                }
                if (escape && (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r')) {
                    len = p;
                    escapeByte((byte) ch);
                    ensure(n - i);
                    b = buf;
                    p = len;
                    continue;
                }
                b[p++] = (byte) ch;
            }
            len = p;
        }

        private void escapeBytes(byte[] src, int off, int n) {
            ensure(n);
            byte[] b = buf;
            int p = len;
            for (int i = off, end = off + n; i < end; i++) {
                byte c = src[i];
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    len = p;
                    escapeByte(c);
                    ensure(end - i);
                    b = buf;
                    p = len;
                    continue;
                }
                b[p++] = c;
            }
            len = p;
        }

        private void escapeByte(byte c) {
            switch (c) {
                case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                default -> put(c);
            }
        }
    }

    @Override
    @Transactional(readOnly = true)
    public AuditPage find(String actor, String action, String subjectId, int page, int size) {
        if (page < 0) throw new IllegalArgumentException("page must be >= 0");
        if (size < 1 || size > 500) throw new IllegalArgumentException("size must be between 1 and 500");
        chainPending(); // every committed change's entries are found
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
