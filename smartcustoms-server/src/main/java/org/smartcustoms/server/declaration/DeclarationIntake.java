package org.smartcustoms.server.declaration;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smartcustoms.declaration.Amendments;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Declaration intake and lifecycle: validates, stores, runs acceptance steps (assessment, risk) and routes by
 * their outcome, tracks status and notifies the declarant. Every public method is one transaction, so a failure
 * leaves nothing half-stored.
 *
 * <p>Rules that hold for every caller:
 * <ul>
 * <li><b>Ownership.</b> A message may only reference declarations of its own declarant, and a declarant may only
 * act on its own declarations; anything else answers exactly like a declaration that does not exist.</li>
 * <li><b>Control is final for the declarant</b> (UCC art. 173/174). Once customs selected a declaration for control
 * (YELLOW/RED), the declarant can no longer amend or cancel it: the attempt is refused (409), audited and written
 * to the status history for the officer. An officer may authorise one correction; re-scoring never lowers the
 * channel in force and never releases. Amendments after release become post-clearance corrections.</li>
 * <li><b>One lifecycle gate.</b> Every status change goes through {@link #move}, which holds the declaration's row
 * lock, checks the transition table and writes the status only if it is still what was read (optimistic check),
 * appends the history, audits the change and notifies the declarant.</li>
 * </ul>
 */
@Service
public class DeclarationIntake {
    /** Start of the reason of a green-channel declaration held because duty and taxes could not be assessed for every item. */
    static final String HELD_FOR_ASSESSMENT = "green channel, but held: the assessment is incomplete";
    /** Start of the history reason of a correction under control (the trader view tells it from a refusal by it). */
    static final String CORRECTED = "corrected to version ";
    private static final char[] MRN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private final DeclarationStore store;
    private final DeclarationValidator validator;
    private final List<AcceptanceStep> steps;
    private final AuditTrail audit;
    private final Clock clock;
    /** Draws of a new MRN's nine random characters; tests may give a source that repeats itself. */
    private volatile java.util.Random random = new SecureRandom();
    /** Tries of a single submission whose new MRN another declaration of the same second already has. */
    static final int MRN_ATTEMPTS = 3;
    private final TransactionTemplate batchTx;
    private final int batchSize;
    private final int prepareThreads;
    private final int writers;
    private final Writes direct;
    private List<ReleaseCondition> releaseConditions = List.of();

    public DeclarationIntake(DeclarationStore store, DeclarationValidator validator, List<AcceptanceStep> steps,
                             AuditTrail audit, Clock clock, PlatformTransactionManager tx,
                             @Value("${smartcustoms.intake.batch-size:1000}") int batchSize,
                             @Value("${smartcustoms.intake.prepare-threads:2}") int prepareThreads,
                             @Value("${smartcustoms.intake.writers:2}") int writers) {
        if (batchSize < 1) throw new IllegalArgumentException("smartcustoms.intake.batch-size must be at least 1");
        if (prepareThreads < 1) throw new IllegalArgumentException("smartcustoms.intake.prepare-threads must be at least 1");
        if (writers < 1) throw new IllegalArgumentException("smartcustoms.intake.writers must be at least 1");
        this.store = store;
        this.validator = validator;
        this.steps = steps.stream().sorted(Comparator.comparingInt(AcceptanceStep::order)).toList();
        this.audit = audit;
        this.clock = clock;
        this.batchTx = new TransactionTemplate(tx);
        this.batchSize = batchSize;
        this.prepareThreads = prepareThreads;
        this.writers = writers;
        this.direct = new Direct();
    }

    /** Conditions checked before any release (payment or guarantee, ...); none by default. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setReleaseConditions(List<ReleaseCondition> conditions) {
        this.releaseConditions = List.copyOf(conditions);
    }

    private java.util.Optional<String> releaseWaits(StoredDeclaration s) {
        for (ReleaseCondition c : releaseConditions) {
            java.util.Optional<String> why = c.unmet(s);
            if (why.isPresent()) return why;
        }
        return java.util.Optional.empty();
    }

    /** Declarations committed per transaction by {@link #submitBatch} ({@code smartcustoms.intake.batch-size}). */
    public int batchSize() { return batchSize; }

    /**
     * Threads that validate and conclude a batch's declarations ({@code smartcustoms.intake.prepare-threads}, the
     * caller's included; 1: the caller alone).
     */
    public int prepareThreads() { return prepareThreads; }

    /**
     * Batches written at the same time, each on its own connection, committed in batch order
     * ({@code smartcustoms.intake.writers}; 1: one batch in flight).
     */
    public int writers() { return writers; }

    /**
     * Submits many declaration messages, committing every {@link #batchSize()} rows. Originals are validated,
     * assessed and scored in memory, then a whole batch is written with JDBC batching (COPY on PostgreSQL) and one
     * audit chain update in one transaction. Returns one result per row, in order, and returns only after every
     * accepted row is committed (a caller that reports them after this call never reports a row that a crash could
     * lose). A bad row is rejected on its own with its reasons and never rolls back the others; an original whose
     * declarant already used the LRN is a duplicate (re-runs are idempotent); amendments and cancellations take the
     * single-message path, in row order. Must not be called inside a transaction.
     */
    public List<RowResult> submitBatch(List<BatchRow> rows, Actor actor) {
        return submitBatch(rows, actor, done -> { }, () -> false);
    }

    /**
     * The same, telling {@code progress} (on the caller's thread) the results of each batch as soon as it committed
     * (rejections and duplicates as soon as they are known), and checking {@code stop} before each new batch: once
     * it answers true, the batch in flight is committed and the remaining rows are left alone (absent from the
     * results), so a graceful shutdown can report exactly what was stored.
     */
    public List<RowResult> submitBatch(List<BatchRow> rows, Actor actor, java.util.function.Consumer<List<RowResult>> progress,
                                       java.util.function.BooleanSupplier stop) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("submitBatch commits on its own; call it outside a transaction");
        }
        Pipeline p = new Pipeline(actor, rows.size(), progress);
        Validated validated = new Validated(rows);
        try {
            List<Candidate> originals = new ArrayList<>();
            for (int at = 0; at < rows.size(); at++) {
                BatchRow row = rows.get(at);
                if (originals.isEmpty() && stop.getAsBoolean()) break;
                Declaration submitted = row.declaration();
                if (submitted.isAmendment() || submitted.isCancellation()) {
                    p.write(originals);
                    originals = new ArrayList<>();
                    p.drain();
                    p.add(List.of(single(row, actor)));
                    continue;
                }
                String owner = submitted.declarantId() != null ? submitted.declarantId() : actor.party();
                if (owner != null && !actor.mayTouch(owner)) {
                    p.add(List.of(RowResult.rejected(row.row(), List.of(new Violation("parties[DECLARANT].id", "DECLARANT_NOT_YOU",
                            "The declarant must be your own party " + actor.party())))));
                    continue;
                }
                Validated.Row checked = validated.at(at);
                if (!checked.violations().isEmpty()) {
                    p.add(List.of(RowResult.rejected(row.row(), checked.violations())));
                    continue;
                }
                originals.add(new Candidate(row.row(), checked.declaration(), key(checked.declaration())));
                if (originals.size() >= batchSize) {
                    p.write(originals);
                    originals = new ArrayList<>();
                }
            }
            p.write(originals);
            p.drain();
        } finally {
            p.settle();
        }
        p.out.sort(Comparator.comparingLong(RowResult::row));
        return p.out;
    }

    /**
     * Originals dated (an original without a date is dated today) and validated ahead of the batching loop, a
     * window of {@link #batchSize()} rows at a time on the preparing threads: validation reads nothing that changes.
     */
    private final class Validated {
        record Row(Declaration declaration, List<Violation> violations) { }

        private final List<BatchRow> rows;
        private final Row[] done;
        private int upTo;

        Validated(List<BatchRow> rows) {
            this.rows = rows;
            this.done = new Row[rows.size()];
        }

        Row at(int index) {
            if (index >= upTo) {
                int from = index;
                upTo = Math.min(rows.size(), index + Math.max(batchSize, 64));
                forEachOnPreparers(upTo - from, k -> {
                    Declaration submitted = rows.get(from + k).declaration();
                    if (submitted.isAmendment() || submitted.isCancellation()) return;
                    Declaration d = submitted.declarationDate() == null ? submitted.withDeclarationDate(LocalDate.now(clock)) : submitted;
                    done[from + k] = new Row(d, validator.validate(d));
                });
            }
            Row r = done[index];
            done[index] = null;
            return r;
        }
    }

    /**
     * Runs {@code work} for 0 to {@code n - 1} on the caller's thread and up to {@code prepareThreads - 1} pool
     * threads, each taking the next index (so indices are started in increasing order), all as bulk scoring; returns
     * when every index is done and rethrows the failure of the lowest failed index. After a failure no further index
     * is started.
     */
    private void forEachOnPreparers(int n, java.util.function.IntConsumer work) {
        int helpers = Math.min(prepareThreads, n) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < n; i++) work.accept(i);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReferenceArray<Throwable> failed = new java.util.concurrent.atomic.AtomicReferenceArray<>(n);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable loop = () -> org.smartcustoms.server.risk.ScoringLoad.bulk(() -> {
            for (int i; !stop.get() && (i = next.getAndIncrement()) < n; ) {
                try {
                    work.accept(i);
                } catch (Throwable e) {
                    failed.set(i, e);
                    stop.set(true);
                }
            }
            return null;
        });
        List<java.util.concurrent.Future<?>> running = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) running.add(PREPARERS.submit(loop));
        loop.run();
        for (java.util.concurrent.Future<?> f : running) awaitQuietly(f); // the loop catches everything; nothing to add
        for (int i = 0; i < n; i++) {
            Throwable e = failed.get(i);
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
            if (e != null) throw new IllegalStateException(e);
        }
    }

    /** The preparing threads besides the caller's ({@link #prepareThreads()}). */
    private static final java.util.concurrent.ExecutorService PREPARERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "intake-preparer");
        t.setDaemon(true);
        return t;
    });

    /**
     * The turns of a batch's declarations ({@link InOrder}): declaration {@code i}'s turn starts once every earlier
     * declaration's turn has ended. A declaration's turn ends when it has run its last acceptance step (or failed);
     * after a failure, later declarations are refused their turn.
     */
    private static final class Turns {
        /** 1 once declaration i's turn ended */
        private final java.util.concurrent.atomic.AtomicIntegerArray ended;
        /** the first declaration whose turn has not ended: every turn before it ended */
        private final java.util.concurrent.atomic.AtomicInteger endedUpTo = new java.util.concurrent.atomic.AtomicInteger();
        /** the thread parked waiting for declaration i's turn, if any */
        private final java.util.concurrent.atomic.AtomicReferenceArray<Thread> parked;
        private volatile boolean failed;

        Turns(int n) {
            this.ended = new java.util.concurrent.atomic.AtomicIntegerArray(n);
            this.parked = new java.util.concurrent.atomic.AtomicReferenceArray<>(n);
        }

        InOrder of(int i) {
            return new InOrder() {
                @Override
                public <T> T run(java.util.function.Supplier<T> work) {
                    awaitTurn(i);
                    return work.get();
                }
            };
        }

        /**
         * Without any monitor (a monitor taken on every turn's end made the preparing threads contend): a short spin,
         * then the thread parks under its index and the thread that ends the turn before it unparks it.
         */
        private void awaitTurn(int i) {
            for (int spin = 0; spin < 256 && endedUpTo.get() < i && !failed; spin++) Thread.onSpinWait();
            if (endedUpTo.get() < i && !failed) {
                parked.set(i, Thread.currentThread());
                try {
                    while (endedUpTo.get() < i && !failed) java.util.concurrent.locks.LockSupport.park(this);
                } finally {
                    parked.set(i, null);
                }
            }
            if (failed) throw new IllegalStateException("an earlier declaration of the batch could not be concluded");
        }

        void end(int i, boolean ok) {
            if (ended.getAndSet(i, 1) == 1) return;
            if (!ok) {
                failed = true;
                for (int k = 0; k < parked.length(); k++) wake(k);
            }
            // move the mark past every ended turn; whoever moves it wakes the declarations whose turn came
            while (true) {
                int up = endedUpTo.get();
                if (up >= ended.length() || ended.get(up) == 0) return;
                if (endedUpTo.compareAndSet(up, up + 1) && up + 1 < ended.length()) wake(up + 1);
            }
        }

        private void wake(int k) {
            Thread t = parked.get(k);
            if (t != null) java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    /** Writes a batch on its own thread while the caller's thread validates, assesses and scores the next one. */
    private static final java.util.concurrent.ExecutorService WRITERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "intake-writer");
        t.setDaemon(true);
        return t;
    });

    /**
     * One {@link #submitBatch} call: up to {@link #writers} batches in flight (being written and committed, each on its
     * own connection) while the next is prepared. A batch whose declarant + LRN pairs meet one in flight waits for
     * all in flight, so the stored ones are seen. The batches in flight commit in batch order: each writes its
     * declarations at once but extends the audit chain and commits only after the batch before it has committed or
     * rolled back ({@link InFlight#done}), so the chain's order is the batches' order and results are taken in it.
     */
    private final class Pipeline {
        final List<RowResult> out;
        private final Actor actor;
        private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();

        private final java.util.function.Consumer<List<RowResult>> progress;

        Pipeline(Actor actor, int rows, java.util.function.Consumer<List<RowResult>> progress) {
            this.actor = actor;
            this.out = new ArrayList<>(rows);
            this.progress = progress;
        }

        void add(List<RowResult> done) {
            if (done.isEmpty()) return;
            out.addAll(done);
            progress.accept(done);
        }

        void write(List<Candidate> batch) {
            if (batch.isEmpty()) return;
            if (batch.stream().anyMatch(c -> inFlight.stream().anyMatch(f -> f.keys().contains(c.key())))) drain();
            Prepared prepared = org.smartcustoms.server.risk.ScoringLoad.bulk(() -> prepare(batch, actor));
            while (inFlight.size() >= writers) takeOldest();
            add(prepared.known());
            if (prepared.fresh().isEmpty()) return;
            java.util.Set<DeclarantLrn> keys = new java.util.HashSet<>(prepared.freshRows().size());
            for (Candidate c : prepared.freshRows()) keys.add(c.key());
            InFlight before = inFlight.peekLast();
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.Future<List<RowResult>> result = WRITERS.submit(() -> {
                try {
                    return DeclarationIntake.this.write(prepared, actor, before == null ? null : before.done(), done);
                } finally {
                    done.complete(null); // also on a failure: the next batch must not wait forever
                }
            });
            inFlight.addLast(new InFlight(result, keys, done));
        }

        /** Waits for every batch in flight and takes their results, in batch order. */
        void drain() {
            while (!inFlight.isEmpty()) takeOldest();
        }

        private void takeOldest() {
            java.util.concurrent.Future<List<RowResult>> f = inFlight.pollFirst().result();
            try {
                add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                awaitQuietly(f);
                throw new IllegalStateException("interrupted while a batch was being written", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }

        /** On the way out (also after a failure): the batches still in flight are committed or rolled back before return. */
        void settle() {
            for (InFlight f : inFlight) awaitQuietly(f.result());
        }
    }

    /**
     * A batch being written: its results once committed, its declarant + LRN pairs, and {@code done}, completed once
     * its transaction has committed or rolled back (before any row of a failed batch is retried alone).
     */
    private record InFlight(java.util.concurrent.Future<List<RowResult>> result, java.util.Set<DeclarantLrn> keys,
                            java.util.concurrent.CompletableFuture<Void> done) { }

    /** Waits for {@code f} to finish, whatever its outcome; an interrupt meanwhile is kept for the caller. */
    private static void awaitQuietly(java.util.concurrent.Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static DeclarantLrn key(Declaration d) {
        return new DeclarantLrn(d.declarantId(), d.lrn());
    }

    /** A valid original waiting for its batch. */
    private record Candidate(long row, Declaration declaration, DeclarantLrn key) { }

    /**
     * A batch concluded in memory: rows already stored (duplicates) and the new declarations, encoded for the store,
     * with their audit entries prepared for the trail (in parts, made in parallel).
     */
    private record Prepared(List<RowResult> known, List<NewDeclaration> fresh, List<Candidate> freshRows,
                            List<java.util.concurrent.Future<Encoding>> encodings) { }

    /**
     * Encode batches (in two halves, one task each) while the preparing thread concludes the next batch; the writer
     * takes the encoded halves when they are done.
     */
    private static final java.util.concurrent.ExecutorService ENCODERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "intake-encoder");
        t.setDaemon(true);
        return t;
    });

    /** Below this many declarations a batch is encoded in one task. */
    private static final int PARALLEL_ENCODE_MIN = 64;

    /** One message of a batch through the single-message path (own transaction), its failure a rejection. */
    private RowResult single(BatchRow row, Actor actor) {
        try {
            IntakeResult r = batchTx.execute(st -> submit(row.declaration(), actor));
            return r.created() ? RowResult.accepted(row.row(), r.declaration().id()) : RowResult.duplicate(row.row(), r.declaration().id());
        } catch (InvalidDeclarationException e) {
            return RowResult.rejected(row.row(), e.violations());
        } catch (DeclarationNotFoundException | DeclarationStateException e) {
            return RowResult.rejected(row.row(), List.of(new Violation("", "STATE", e.getMessage())));
        } catch (org.springframework.dao.DataAccessException e) {
            return RowResult.rejected(row.row(), List.of(new Violation("", "NOT_STORED",
                    "the declaration could not be stored: " + rootMessage(e))));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Concludes valid originals in memory: skips those already stored (or twice in the batch) and runs the
     * acceptance steps, recording history, notifications and audit entries for the batch's write.
     */
    private Prepared prepare(List<Candidate> batch, Actor actor) {
        List<RowResult> known = new ArrayList<>();
        Map<DeclarantLrn, String> taken = new HashMap<>(store.findIdsByLrn(batch.stream().map(Candidate::key).distinct().toList()));
        List<Candidate> freshRows = new ArrayList<>(batch.size());
        List<String> ids = new ArrayList<>(batch.size());
        for (Candidate c : batch) {
            DeclarantLrn key = c.key();
            String already = taken.get(key);
            if (already != null) {
                known.add(RowResult.duplicate(c.row(), already));
                continue;
            }
            String id = newMrn();
            taken.put(key, id);
            ids.add(id);
            freshRows.add(c);
        }
        // concluded on the preparing threads; what depends on the declarations before (model history, random
        // selection) in batch order, so the outcome is the one-thread outcome
        int n = freshRows.size();
        NewDeclaration[] concluded = new NewDeclaration[n];
        @SuppressWarnings("unchecked")
        List<AuditTrail.Entry>[] entries = new List[n];
        if (n > 0) {
            List<Declaration> toAssess = new ArrayList<>(n);
            for (Candidate c : freshRows) toAssess.add(c.declaration());
            for (AcceptanceStep s : steps) s.beforeBatch(toAssess);
        }
        Turns turns = new Turns(n);
        forEachOnPreparers(n, i -> {
            List<AuditTrail.Entry> mine = new ArrayList<>(8);
            boolean ok = false;
            try {
                concluded[i] = conclude(freshRows.get(i).declaration(), ids.get(i), actor, mine, turns.of(i), () -> turns.end(i, true));
                entries[i] = mine;
                ok = true;
            } finally {
                turns.end(i, ok);
            }
        });
        List<NewDeclaration> fresh = java.util.Arrays.asList(concluded);
        List<AuditTrail.Entry> audits = new ArrayList<>(n * 6);
        for (List<AuditTrail.Entry> e : entries) audits.addAll(e);
        if (fresh.isEmpty()) return new Prepared(known, fresh, freshRows, List.of());
        // the serialising (documents, COPY text, audit canonical forms) off this thread, on both cores
        int half = fresh.size() < PARALLEL_ENCODE_MIN ? 0 : fresh.size() / 2;
        int auditHalf = half == 0 ? 0 : audits.size() / 2;
        List<java.util.concurrent.Future<Encoding>> encodings = new ArrayList<>(2);
        if (half > 0) encodings.add(encode(fresh.subList(0, half), audits.subList(0, auditHalf)));
        encodings.add(encode(fresh.subList(half, fresh.size()), audits.subList(auditHalf, audits.size())));
        return new Prepared(known, fresh, freshRows, encodings);
    }

    private java.util.concurrent.Future<Encoding> encode(List<NewDeclaration> declarations, List<AuditTrail.Entry> entries) {
        return ENCODERS.submit(() -> new Encoding(store.encode(declarations), audit.prepare(entries)));
    }

    private record Encoding(DeclarationStore.Encoded declarations, AuditTrail.Prepared audits) { }

    private static <T> T await(java.util.concurrent.Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being encoded", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A valid original not stored yet, concluded in memory: submitted, accepted and taken through the acceptance
     * steps, its status history, assessment, risk decision and notifications carried by the result and its audit
     * entries added to {@code audits}, all for one write ({@link DeclarationStore#insertBatch}).
     */
    private NewDeclaration conclude(Declaration d, String id, Actor actor, List<AuditTrail.Entry> audits) {
        return conclude(d, id, actor, audits, InOrder.DIRECT, () -> { });
    }

    /** The same in a batch's {@code turn}, ending it ({@code endTurn}) once the last acceptance step has run. */
    private NewDeclaration conclude(Declaration d, String id, Actor actor, List<AuditTrail.Entry> audits, InOrder turn, Runnable endTurn) {
        Recorded w = new Recorded(audits);
        Instant at = clock.instant();
        StoredDeclaration submitted = new StoredDeclaration(id, d, DeclarationStatus.SUBMITTED, 1, at, at,
                List.of(new StoredDeclaration.StatusChange(DeclarationStatus.SUBMITTED, at, "submitted", d.declarantId())),
                null, null, null, null);
        w.audit(actor.username(), AuditAction.DECLARATION_SUBMITTED, id, null, AuditDetails.json(new Submitted(d.lrn(), d.declarantId())));
        StoredDeclaration accepted = move(w, submitted, DeclarationStatus.ACCEPTED, "accepted", actor.username(),
                "Declaration " + d.lrn() + " accepted as " + id);
        return new NewDeclaration(runSteps(accepted, w, turn, endTurn), w.notices, w.undo);
    }

    /**
     * Writes a prepared batch as one transaction: the declarations in bulk and their audit entries as one extension
     * of the chain. If the batch cannot be written (a concurrent submission took an LRN, a value the database
     * refuses), every row is retried on its own so that only the bad one is rejected. Returns after the commit.
     */
    private List<RowResult> write(Prepared p, Actor actor, java.util.concurrent.Future<Void> before,
                                  java.util.concurrent.CompletableFuture<Void> done) {
        List<RowResult> out = new ArrayList<>(p.fresh().size());
        try {
            List<DeclarationStore.Encoded> declarations = new ArrayList<>(2);
            List<AuditTrail.Prepared> entries = new ArrayList<>(2);
            for (java.util.concurrent.Future<Encoding> f : p.encodings()) {
                Encoding e = await(f);
                declarations.add(e.declarations());
                entries.add(e.audits());
            }
            batchTx.executeWithoutResult(st -> {
                store.insertEncoded(declarations);
                audit.record(entries);
                // the chain is extended when this transaction commits: after the batch before this one
                if (before != null) awaitQuietly(before);
            });
        } catch (org.springframework.dao.DataAccessException | IllegalStateException e) {
            done.complete(null); // rolled back: the next batch may commit while these rows are retried one by one
            for (NewDeclaration nd : p.fresh()) nd.notStored(); // each is concluded (and observed) again alone
            for (Candidate c : p.freshRows()) out.add(single(new BatchRow(c.row(), c.declaration()), actor));
            return out;
        } catch (RuntimeException | Error e) {
            for (NewDeclaration nd : p.fresh()) nd.notStored();
            throw e;
        }
        done.complete(null);
        for (int i = 0; i < p.fresh().size(); i++) out.add(RowResult.accepted(p.freshRows().get(i).row(), p.fresh().get(i).declaration().id()));
        return out;
    }

    /**
     * Runs {@code undo} if the caller's transaction, when there is one, does not commit (nothing when there is none:
     * the writes were then committed as they were made).
     */
    private static void onRollback(Runnable undo) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) undo.run();
            }
        });
    }

    /** Where the lifecycle's writes go: straight to the store and the trail, or recorded for a batch. */
    private interface Writes {
        void status(String id, DeclarationStatus from, DeclarationStatus to, String reason, String actor, Instant at);

        void assessment(String id, TariffAssessment assessment);

        void risk(String id, RiskDecision decision, Channel channel);

        void notice(String declarantId, String id, String lrn, NotificationType type, String message, Instant at);

        void audit(String actor, AuditAction action, String declarationId, String reason, String details);

        /** What to take back if the declaration is not stored after all ({@link StepOutcome.Targeted#ifNotStored}). */
        void ifNotStored(Runnable undo);
    }

    /** One submission: each write goes to the database at once, in the caller's transaction. */
    private final class Direct implements Writes {
        @Override public void status(String id, DeclarationStatus from, DeclarationStatus to, String reason, String actor, Instant at) {
            store.changeStatus(id, from, to, reason, actor, at);
        }

        @Override public void assessment(String id, TariffAssessment a) { store.saveAssessment(id, a); }

        @Override public void risk(String id, RiskDecision d, Channel channel) { store.saveRisk(id, d, channel); }

        @Override public void notice(String declarantId, String id, String lrn, NotificationType type, String message, Instant at) {
            store.notify(declarantId, id, lrn, type, message, at);
        }

        @Override public void audit(String actor, AuditAction action, String declarationId, String reason, String details) {
            audit.record(actor, action, AuditSubject.DECLARATION, declarationId, reason, details);
        }

        @Override public void ifNotStored(Runnable undo) { onRollback(undo); }
    }

    /**
     * A new declaration of a batch: status, assessment and risk are carried by the {@link StoredDeclaration} the
     * lifecycle returns (history included); notifications and audit entries are kept for the batch's write.
     */
    private static final class Recorded implements Writes {
        final List<NewDeclaration.Notice> notices = new ArrayList<>(4);
        final List<Runnable> undo = new ArrayList<>(1);
        private final List<AuditTrail.Entry> audits;

        Recorded(List<AuditTrail.Entry> audits) { this.audits = audits; }

        @Override public void status(String id, DeclarationStatus from, DeclarationStatus to, String reason, String actor, Instant at) { }

        @Override public void assessment(String id, TariffAssessment a) { }

        @Override public void risk(String id, RiskDecision d, Channel channel) { }

        @Override public void notice(String declarantId, String id, String lrn, NotificationType type, String message, Instant at) {
            notices.add(new NewDeclaration.Notice(type, message, at));
        }

        @Override public void audit(String actor, AuditAction action, String declarationId, String reason, String details) {
            audits.add(new AuditTrail.Entry(actor, action, AuditSubject.DECLARATION, declarationId, reason, details));
        }

        @Override public void ifNotStored(Runnable u) { undo.add(u); }
    }

    /** Bulk import, demo loader and other customs-side automation: a customs actor that is not an officer. */
    public IntakeResult submit(Declaration submitted, String username) {
        return submit(submitted, Actor.system(username));
    }

    /**
     * Submits a declaration message: an original (function 9), an amendment (13) or a cancellation (1).
     * Re-submitting an original with an LRN the declarant already used returns the existing declaration.
     * An original without a declaration date is dated on acceptance (today in the clock's zone): the date of
     * acceptance by customs is the declaration's date (UCC art. 172), and WCO DEC-DMS messages from traders, such as
     * UK CDS submissions, carry no date because customs set it.
     */
    public IntakeResult submit(Declaration submitted, Actor actor) {
        return submit(submitted, actor, null);
    }

    /**
     * The same, storing a new original under {@code newId} when it is not null: an id allocated earlier with
     * {@link #allocateId()}, as cluster mode's API nodes do when they queue a submission for a worker
     * (docs/cluster.md). Re-submitting the declarant's LRN still returns the declaration stored first.
     *
     * <p>One transaction, the caller's if it has one. Called outside a transaction (the API, the cluster workers), an
     * original is validated, looked up, assessed and scored <em>before</em> its transaction begins, so that a
     * database connection is held only for the write (a few statements and the commit), not for the CPU work of
     * the acceptance steps: under load, concurrent submissions then do not queue for connections held by threads
     * that wait for a core. The write is one transaction as before (declaration, items, history, notifications and
     * audit journal entries); a concurrent submission of the same declarant + LRN that committed first makes it
     * roll back and the stored one is returned. Amendments and cancellations run wholly in one transaction.
     */
    public IntakeResult submit(Declaration submitted, Actor actor, String newId) {
        Declaration d = checked(submitted, actor);
        if (TransactionSynchronizationManager.isActualTransactionActive()) return submitInTransaction(d, actor, newId);
        if (d.isAmendment() || d.isCancellation()) return inOwnTransaction(() -> submitInTransaction(d, actor, newId));
        Optional<IntakeResult> stored = validatedOrStored(d);
        if (stored.isPresent()) return stored.get();
        for (int attempt = 1; ; attempt++) {
            List<AuditTrail.Entry> audits = new ArrayList<>(8);
            NewDeclaration concluded = conclude(d, newId != null ? newId : newMrn(), actor, audits);
            try {
                if (store.commitsInOneStatement()) { // PostgreSQL: the write and its commit in one round trip
                    store.insertCommitted(concluded, audits);
                    return new IntakeResult(concluded.declaration(), true);
                }
                return batchTx.execute(st -> {
                    store.insertBatch(List.of(concluded)); // no savepoint: a duplicate rolls this whole transaction back
                    record(audits);
                    return new IntakeResult(concluded.declaration(), true);
                });
            } catch (org.springframework.dao.DuplicateKeyException taken) {
                concluded.notStored();
                Optional<IntakeResult> won = alreadyStored(d); // a concurrent submission with the same declarant + LRN
                if (won.isPresent()) return won.get();
                // otherwise the new MRN was taken by a declaration made in the same second (random part 36^9): the
                // submission is concluded again under another one, as a batch retries such a row
                if (newId != null || attempt == MRN_ATTEMPTS) throw taken;
            } catch (RuntimeException failed) {
                concluded.notStored();
                throw failed;
            }
        }
    }

    /** Rejects an invalid original; otherwise the declaration its declarant already stored under its LRN, if any. */
    private Optional<IntakeResult> validatedOrStored(Declaration d) {
        List<Violation> violations = validator.validate(d);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        return alreadyStored(d);
    }

    /** The declaration stored under {@code d}'s declarant + LRN, as a result that created nothing. */
    private Optional<IntakeResult> alreadyStored(Declaration d) {
        return store.findIdByLrn(d.declarantId(), d.lrn()).map(id -> new IntakeResult(store.find(id).orElseThrow(), false));
    }

    private void record(List<AuditTrail.Entry> audits) {
        for (AuditTrail.Entry a : audits) audit.record(a.actor(), a.action(), a.subjectType(), a.subjectId(), a.reason(), a.details());
    }

    /**
     * The declaration as submitted, dated on acceptance when it is an original without a date, once the actor is
     * known to be allowed to submit for its declarant. An amendment or cancellation may leave the declarant out (WCO
     * messages carry only what changes): it is then the submitting trader's own party; a customs user's message
     * without one may reference any declaration.
     */
    private Declaration checked(Declaration submitted, Actor actor) {
        String owner = submitted.declarantId() != null ? submitted.declarantId() : actor.party();
        if (owner != null && !actor.mayTouch(owner)) {
            throw new InvalidDeclarationException("parties[DECLARANT].id", "DECLARANT_NOT_YOU",
                    "The declarant must be your own party " + actor.party());
        }
        return submitted.declarationDate() == null && !submitted.isAmendment() && !submitted.isCancellation()
                ? submitted.withDeclarationDate(LocalDate.now(clock)) : submitted;
    }

    /**
     * Runs {@code work} in a transaction of its own that, like the {@code noRollbackFor} of the annotated methods, is
     * committed when the work ends in a {@link ControlLockedException} (the refusal is kept: audit entry, history),
     * which is then thrown.
     */
    private IntakeResult inOwnTransaction(java.util.function.Supplier<IntakeResult> work) {
        ControlLockedException[] refused = new ControlLockedException[1];
        IntakeResult r = batchTx.execute(st -> {
            try {
                return work.get();
            } catch (ControlLockedException e) {
                refused[0] = e;
                return null;
            }
        });
        if (refused[0] != null) throw refused[0];
        return r;
    }

    /**
     * {@link #submit(Declaration, Actor, String)} in the caller's transaction, every step inside it; {@code d} as
     * {@link #checked} returned it.
     */
    private IntakeResult submitInTransaction(Declaration d, Actor actor, String newId) {
        String owner = d.declarantId() != null ? d.declarantId() : actor.party();
        if (d.isAmendment()) return new IntakeResult(amend(d, owner, actor), false);
        if (d.isCancellation()) {
            String id = resolveReference(d, owner).orElseThrow(() -> notFound(d));
            return new IntakeResult(cancel(id, "cancellation message " + d.lrn(), actor), false);
        }
        Optional<IntakeResult> stored = validatedOrStored(d);
        if (stored.isPresent()) return stored.get();
        // concluded in memory and written in one go, as a batch of one: a handful of statements instead of one per
        // status change, notification and decision
        List<AuditTrail.Entry> audits = new ArrayList<>(8);
        NewDeclaration concluded = conclude(d, newId != null ? newId : newMrn(), actor, audits);
        onRollback(concluded::notStored); // the caller's transaction may still roll back
        if (!store.insertConcluded(concluded)) { // a concurrent submission with the same declarant + LRN won
            concluded.notStored();
            return alreadyStored(d).orElseThrow();
        }
        record(audits);
        return new IntakeResult(concluded.declaration(), true);
    }

    /** Runs the acceptance steps in order and applies their outcomes; returns the declaration as it then stands. */
    private StoredDeclaration runSteps(StoredDeclaration s) {
        return runSteps(s, direct);
    }

    private StoredDeclaration runSteps(StoredDeclaration s, Writes w) {
        return runSteps(s, w, InOrder.DIRECT, () -> { });
    }

    private StoredDeclaration runSteps(StoredDeclaration s, Writes w, InOrder turn, Runnable endTurn) {
        StoredDeclaration current = s;
        for (int k = 0; k < steps.size(); k++) {
            AcceptanceStep step = steps.get(k);
            StepOutcome outcome = step.assess(s, turn); // every step reads the same declaration; none sees another's result
            if (k == steps.size() - 1) endTurn.run();
            current = switch (outcome) {
                case StepOutcome.Assessed a -> {
                    w.assessment(current.id(), a.assessment());
                    w.notice(current.declarantId(), current.id(), current.declaration().lrn(), NotificationType.DMSTAX, a.notice(), clock.instant());
                    yield current.withAssessment(a.assessment());
                }
                case StepOutcome.Targeted t -> {
                    w.ifNotStored(t.ifNotStored());
                    yield route(current, t.decision(), w);
                }
                case StepOutcome.None n -> current;
            };
        }
        return current;
    }

    /**
     * Stores a risk decision and routes by it. The channel in force never goes down: an earlier YELLOW/RED (or an
     * officer's) stays unless the new decision is higher. Only a declaration not yet routed is released or put
     * under control; one under control stays there; a released one only keeps the decision for the record.
     */
    private StoredDeclaration route(StoredDeclaration s, RiskDecision d, Writes w) {
        Channel previous = s.channel();
        String details = AuditDetails.json(new ChannelFacts(d.score(), d.channel(), d.modelVersion(), d.randomlySelected(), previous));
        if (s.status() == DeclarationStatus.RELEASED || s.status() == DeclarationStatus.CLEARED) {
            Channel kept = previous == null ? d.channel() : previous;
            w.risk(s.id(), d, kept);
            w.audit(AuditTrail.SYSTEM, AuditAction.CHANNEL_DECISION, s.id(),
                    "re-scored after a post-release amendment (goods already released): " + d.explanation(), details);
            return s.withRisk(d, kept);
        }
        Channel channel = previous == null || d.channel().ordinal() > previous.ordinal() ? d.channel() : previous;
        w.risk(s.id(), d, channel);
        w.audit(AuditTrail.SYSTEM, AuditAction.CHANNEL_DECISION, s.id(), d.explanation(), details);
        StoredDeclaration scored = s.withRisk(d, channel);
        if (s.status() == DeclarationStatus.UNDER_CONTROL) {
            if (channel == previous) return scored;
            return move(w, scored, DeclarationStatus.UNDER_CONTROL, "channel raised from " + previous + " to " + channel
                    + " after re-scoring (risk score " + d.score() + ")", AuditTrail.SYSTEM, controlNotice(scored, channel));
        }
        StoredDeclaration assessed = move(w, scored, DeclarationStatus.RISK_ASSESSED, "risk score " + d.score() + ", channel " + channel,
                AuditTrail.SYSTEM, null);
        if (channel == Channel.GREEN && !assessmentComplete(assessed)) {
            return move(w, assessed, DeclarationStatus.UNDER_CONTROL, HELD_FOR_ASSESSMENT + " ("
                    + assessed.assessment().errors().size() + " item(s)); an officer must assess or reclassify before release",
                    AuditTrail.SYSTEM, "Declaration " + s.declaration().lrn() + " (" + s.id() + ") held: duty and taxes could not be "
                            + "assessed for every item; customs will complete the assessment before the goods are released");
        }
        if (channel == Channel.GREEN) {
            java.util.Optional<String> waits = releaseWaits(assessed);
            if (waits.isPresent()) {
                // stays RISK_ASSESSED; released through the gate once paid or guaranteed
                w.audit(AuditTrail.SYSTEM, AuditAction.RELEASE_WAITING, s.id(), "green channel, release waits: " + waits.get(),
                        AuditDetails.json(new StatusFacts(DeclarationStatus.RISK_ASSESSED)));
                w.notice(s.declarantId(), s.id(), s.declaration().lrn(), NotificationType.DMSTAX, "Declaration " + s.declaration().lrn()
                        + " (" + s.id() + ") cleared for release, which waits: " + waits.get(), clock.instant());
                return assessed;
            }
            return move(w, assessed, DeclarationStatus.RELEASED, "green channel: released without control", AuditTrail.SYSTEM,
                    "Goods of declaration " + s.declaration().lrn() + " (" + s.id() + ") released");
        }
        return move(w, assessed, DeclarationStatus.UNDER_CONTROL,
                (channel == Channel.RED ? "red channel: physical inspection" : "yellow channel: documentary check")
                        + (d.randomlySelected() ? " (random selection)" : ""), AuditTrail.SYSTEM, controlNotice(assessed, channel));
    }

    /** True unless an assessment was made and could not assess every item (no assessment step: nothing to hold). */
    private static boolean assessmentComplete(StoredDeclaration s) {
        return s.assessment() == null || s.assessment().complete();
    }

    private static String controlNotice(StoredDeclaration s, Channel channel) {
        String what = channel == Channel.RED ? "physical inspection: present the goods" : "documentary check: present the documents";
        return "Declaration " + s.declaration().lrn() + " (" + s.id() + ") selected for control, " + channel + " channel ("
                + what + (s.declaration().officeId() == null ? "" : " at office " + s.declaration().officeId()) + ")";
    }

    /** Applies an amendment to the declaration it references, keeping the previous version. */
    private StoredDeclaration amend(Declaration amendment, String owner, Actor actor) {
        String id = resolveReference(amendment, owner).orElseThrow(() -> notFound(amendment));
        StoredDeclaration current = store.lock(id).orElseThrow(() -> notFound(amendment));
        switch (current.status()) {
            case CANCELLED, REJECTED ->
                    throw new DeclarationStateException("Declaration " + id + " is " + current.status() + " and can no longer be amended");
            case RELEASED, CLEARED -> { return postReleaseCorrection(current, amendment, actor); }
            default -> { }
        }
        boolean authorised = current.correctionAuthorisedBy() != null;
        if (current.selectedForControl() && !authorised) refuse(current, actor, "amend");
        Declaration merged = Amendments.apply(current.declaration(), amendment);
        List<Violation> violations = validator.validate(merged);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        int version = current.version() + 1;
        store.replaceContent(id, merged, version, amendment.functionCode(), clock.instant());
        audit.record(actor.username(), AuditAction.DECLARATION_AMENDED, AuditSubject.DECLARATION, id,
                authorised ? "correction authorised by " + current.correctionAuthorisedBy() : null, AuditDetails.json(new Version(version)));
        StoredDeclaration amended = store.find(id).orElseThrow();
        String notice = "Amendment to " + id + " accepted (version " + version + ")";
        if (current.status() == DeclarationStatus.UNDER_CONTROL) {
            store.setCorrectionAuthorisation(id, null);
            amended = move(amended, DeclarationStatus.UNDER_CONTROL, CORRECTED + version
                    + (authorised ? " (authorised by " + current.correctionAuthorisedBy() + ")" : ""), actor.username(), notice);
        } else {
            amended = move(amended, DeclarationStatus.ACCEPTED, "amended to version " + version, actor.username(), notice);
        }
        runSteps(amended);
        return store.find(id).orElseThrow();
    }

    /**
     * An amendment after release: the goods are gone, so the status stays; the declaration gets the new version,
     * duty is re-assessed and the difference goes to the auditors' post-clearance queue. The risk decision is
     * re-computed for the record; the channel in force does not change.
     */
    private StoredDeclaration postReleaseCorrection(StoredDeclaration current, Declaration amendment, Actor actor) {
        Declaration merged = Amendments.apply(current.declaration(), amendment);
        List<Violation> violations = validator.validate(merged);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        String id = current.id();
        int version = current.version() + 1;
        Instant now = clock.instant();
        store.replaceContent(id, merged, version, amendment.functionCode(), now);
        StoredDeclaration after = runSteps(store.find(id).orElseThrow());
        BigDecimal before = completeTotal(current.assessment());
        BigDecimal total = completeTotal(after.assessment());
        String currency = after.assessment() == null ? null : after.assessment().currency();
        BigDecimal difference = before == null || total == null ? null : total.subtract(before);
        store.addCorrection(new PostClearanceCorrection(0, id, version, before, total, difference, currency, actor.username(), now, "OPEN"));
        audit.record(actor.username(), AuditAction.POST_RELEASE_CORRECTION, AuditSubject.DECLARATION, id, "amended after release to version " + version,
                AuditDetails.json(new CorrectionFacts(version, difference, currency)));
        store.notify(current.declarantId(), id, merged.lrn(), NotificationType.DMSACC, "Amendment to " + id + " received after release (version "
                + version + "); it is recorded as a correction for post-clearance review", now);
        return store.find(id).orElseThrow();
    }

    private static BigDecimal completeTotal(TariffAssessment a) {
        return a == null || !a.complete() || a.total() == null ? null : a.total().amount();
    }

    /**
     * The referenced declaration, looked up only among {@code owner}'s declarations (by id, then by LRN); with no
     * owner (a customs user's message without a declarant) by id among all.
     */
    private Optional<String> resolveReference(Declaration d, String owner) {
        if (d.referencedId() != null) {
            Optional<StoredDeclaration> byId = store.find(d.referencedId());
            if (byId.isPresent() && (owner == null || owner.equals(byId.get().declarantId()))) return Optional.of(d.referencedId());
            return owner == null ? Optional.empty() : store.findIdByLrn(owner, d.referencedId());
        }
        return d.lrn() == null || owner == null ? Optional.empty() : store.findIdByLrn(owner, d.lrn());
    }

    private static DeclarationNotFoundException notFound(Declaration d) {
        return new DeclarationNotFoundException(d.referencedId() != null ? d.referencedId() : String.valueOf(d.lrn()));
    }

    /**
     * Cancels a declaration not yet released. A declarant may cancel only its own declarations (others answer 404)
     * and not one selected for control; an officer may also cancel one under control.
     */
    @Transactional(noRollbackFor = ControlLockedException.class)
    public StoredDeclaration cancel(String id, String reason, Actor actor) {
        StoredDeclaration current = store.lock(id).filter(s -> actor.mayTouch(s.declarantId()))
                .orElseThrow(() -> new DeclarationNotFoundException(id));
        if (!current.status().canMoveTo(DeclarationStatus.CANCELLED)) {
            throw new DeclarationStateException("Declaration " + id + " is " + current.status() + " and cannot be cancelled");
        }
        if (current.selectedForControl() && !actor.officer()) refuse(current, actor, "cancel");
        String why = reason == null || reason.isBlank() ? "cancelled by " + actor.username() : reason;
        audit.record(actor.username(), AuditAction.DECLARATION_CANCELLED, AuditSubject.DECLARATION, id, why, null);
        return move(current, DeclarationStatus.CANCELLED, why, actor.username(),
                "Declaration " + current.declaration().lrn() + " (" + id + ") cancelled"
                        + (actor.isDeclarant() ? " at your request" : " by customs"));
    }

    /** The declarant tried to change a declaration under control: record the attempt for the officer, then refuse. */
    private void refuse(StoredDeclaration current, Actor actor, String what) {
        String text = "declarant " + actor.username() + " tried to " + what + " while under control: refused";
        audit.record(actor.username(), what.equals("amend") ? AuditAction.AMENDMENT_REFUSED : AuditAction.CANCELLATION_REFUSED, AuditSubject.DECLARATION,
                current.id(), text, AuditDetails.json(new StatusFacts(current.status())));
        if (current.status() == DeclarationStatus.UNDER_CONTROL) {
            move(current, DeclarationStatus.UNDER_CONTROL, text, actor.username(), null);
        }
        throw new ControlLockedException("Declaration " + current.id() + " is under customs control; it can no longer be "
                + (what.equals("amend") ? "amended" : "cancelled") + " by the declarant. Contact the customs office"
                + " if a correction is needed.");
    }

    /** An officer allows the declarant one amendment of a declaration under control; the channel stays. */
    @Transactional
    public StoredDeclaration authoriseCorrection(String id, String reason, Actor officer) {
        if (!officer.officer()) throw new IllegalArgumentException("only a customs officer may authorise a correction");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is mandatory to authorise a correction");
        String why = reason.strip();
        if (why.length() > 900) throw new IllegalArgumentException("reason must be at most 900 characters");
        StoredDeclaration current = lock(id);
        if (current.status() != DeclarationStatus.UNDER_CONTROL) {
            throw new DeclarationStateException("Declaration " + id + " is " + current.status()
                    + "; a correction can be authorised only while it is under control");
        }
        store.setCorrectionAuthorisation(id, officer.username());
        audit.record(officer.username(), AuditAction.CORRECTION_AUTHORISED, AuditSubject.DECLARATION, id, why, null);
        return move(current, DeclarationStatus.UNDER_CONTROL, "correction authorised by " + officer.username() + ": " + why,
                officer.username(), "Customs allows one amendment of declaration " + current.declaration().lrn() + " (" + id
                        + "); it stays under control");
    }

    /**
     * An officer reclassifies one item of a declaration under control (new commodity code) and/or sets its customs
     * value, with a mandatory reason: the declaration gets a new version, the change is audited, the status history
     * records it (the declaration stays under control) and duty, taxes and risk are re-assessed by the acceptance
     * steps; the channel in force is never lowered. This is how an item whose assessment is incomplete is made
     * assessable before release.
     */
    @Transactional
    public StoredDeclaration reclassify(String id, int sequence, String commodityCode, Money customsValue, String reason, Actor officer) {
        if (!officer.officer()) throw new IllegalArgumentException("only a customs officer may reclassify an item");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is mandatory to reclassify an item");
        String why = reason.strip();
        if (why.length() > 900) throw new IllegalArgumentException("reason must be at most 900 characters");
        String code = commodityCode == null || commodityCode.isBlank() ? null : commodityCode.replaceAll("[\\s.]", "");
        if (code != null && !code.matches("\\d{6,10}")) {
            throw new IllegalArgumentException("commodityCode must be 6 to 10 digits, got '" + commodityCode.strip() + "'");
        }
        if (code == null && customsValue == null) throw new IllegalArgumentException("give a commodityCode, a customsValue or both");
        StoredDeclaration current = lock(id);
        if (current.status() != DeclarationStatus.UNDER_CONTROL) {
            throw new DeclarationStateException("Declaration " + id + " is " + current.status()
                    + "; an item can be reclassified only while the declaration is under control");
        }
        Declaration d = current.declaration();
        GoodsItem item = d.items().stream().filter(i -> i.sequence() == sequence).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("declaration " + id + " has no item " + sequence));
        GoodsItem changed = new GoodsItem(item.sequence(), item.description(), code == null ? item.commodityCode() : code,
                item.originCountry(), item.preferentialOriginCountry(), item.quantity(), item.netMassKg(), item.grossMassKg(),
                customsValue == null ? item.statisticalValue() : customsValue, customsValue == null ? item.customsValue() : customsValue,
                item.valuationMethod(), item.procedureCode(), item.additionalProcedures(), item.preferenceCode(),
                item.previousDocuments(), item.additionalDocuments(), item.packaging(), item.additionalInformation());
        Declaration merged = d.withItems(d.items().stream().map(i -> i.sequence() == sequence ? changed : i).toList());
        List<Violation> violations = validator.validate(merged);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        int version = current.version() + 1;
        store.replaceContent(id, merged, version, org.smartcustoms.declaration.FunctionCode.AMENDMENT, clock.instant());
        audit.record(officer.username(), AuditAction.ITEM_RECLASSIFIED, AuditSubject.DECLARATION, id, why, AuditDetails.json(new Reclassified(
                sequence, item.commodityCode(), changed.commodityCode(), customsValue, version)));
        String what = "item " + sequence + (code == null ? "" : " reclassified from " + item.commodityCode() + " to " + code)
                + (customsValue == null ? "" : (code == null ? "" : " and") + " customs value set to "
                + customsValue.amount().toPlainString() + " " + customsValue.currency());
        StoredDeclaration moved = move(store.find(id).orElseThrow(), DeclarationStatus.UNDER_CONTROL,
                what + " by " + officer.username() + " (version " + version + "): " + why, officer.username(),
                "Customs corrected item " + sequence + " of declaration " + d.lrn() + " (" + id + ")"
                        + (code == null ? "" : ": commodity code " + code) + "; duty and taxes are re-assessed (version " + version + ")");
        runSteps(moved);
        return store.find(id).orElseThrow();
    }

    /** Locks a declaration for a change in the caller's transaction and returns its current state (404 if absent). */
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredDeclaration lock(String id) {
        return store.lock(id).orElseThrow(() -> new DeclarationNotFoundException(id));
    }

    /** Moves a declaration along its lifecycle (release, control, clearance) for customs, under its row lock. */
    @Transactional
    public StoredDeclaration transition(String id, DeclarationStatus next, String reason, String actor) {
        return transition(lock(id), next, reason, actor);
    }

    /** The same, for a caller that locked the declaration in this transaction with {@link #lock}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredDeclaration transition(StoredDeclaration locked, DeclarationStatus next, String reason, String actor) {
        return move(locked, next, reason, actor, defaultNotice(locked, next));
    }

    private static String defaultNotice(StoredDeclaration s, DeclarationStatus next) {
        String ref = s.declaration().lrn() + " (" + s.id() + ")";
        return switch (next) {
            case RELEASED -> "Goods of declaration " + ref + " released";
            case UNDER_CONTROL -> s.status() == DeclarationStatus.UNDER_CONTROL ? null
                    : controlNotice(s, s.channel() == null ? Channel.YELLOW : s.channel());
            case CLEARED -> "Declaration " + ref + " cleared";
            case REJECTED -> "Declaration " + ref + " rejected by customs";
            case CANCELLED -> "Declaration " + ref + " cancelled by customs";
            default -> null;
        };
    }

    /**
     * The lifecycle gate: the one place a status is written. The caller holds the row lock; the transition table is
     * checked, the status is written only if still as read, the change is appended to the history and the audit
     * trail, and the declarant gets {@code notice} (a text about status and next steps only, never the internal
     * reason; null: no notification).
     */
    private StoredDeclaration move(StoredDeclaration current, DeclarationStatus next, String reason, String actor, String notice) {
        return move(direct, current, next, reason, actor, notice);
    }

    private StoredDeclaration move(Writes w, StoredDeclaration current, DeclarationStatus next, String reason, String actor, String notice) {
        String id = current.id();
        if (!current.status().canMoveTo(next)) {
            throw new DeclarationStateException("Declaration " + id + " cannot move from " + current.status() + " to " + next);
        }
        if (next == DeclarationStatus.RELEASED && current.status() != DeclarationStatus.RELEASED && !assessmentComplete(current)) {
            throw new AssessmentIncompleteException(id, current.assessment().errors());
        }
        if (next == DeclarationStatus.RELEASED && current.status() != DeclarationStatus.RELEASED) {
            java.util.Optional<String> waits = releaseWaits(current);
            if (waits.isPresent()) throw new DeclarationStateException("Declaration " + id + " cannot be released yet: " + waits.get());
        }
        Instant now = clock.instant();
        w.status(id, current.status(), next, reason, actor, now);
        w.audit(actor, AuditAction.STATUS_CHANGED, id, reason, moveDetails(current.status(), next));
        if (notice != null) {
            w.notice(current.declarantId(), id, current.declaration().lrn(), noticeType(next), notice, now);
        }
        return current.movedTo(next, now, reason, actor);
    }

    private static NotificationType noticeType(DeclarationStatus next) {
        return switch (next) {
            case UNDER_CONTROL -> NotificationType.DMSCTL;
            case RELEASED -> NotificationType.DMSRCV;
            case CLEARED -> NotificationType.DMSCLE;
            case REJECTED -> NotificationType.DMSREJ;
            case CANCELLED -> NotificationType.DMSINV;
            default -> NotificationType.DMSACC;
        };
    }

    /** Records a rejection notification for input that never became a declaration (so the declarant's feed shows it). */
    public void notifyRejected(String declarantId, String lrn, List<Violation> violations) {
        if (declarantId == null || lrn == null || declarantId.length() > 64) return;
        String reasons = violations.stream().map(org.smartcustoms.declaration.FieldError::of).map(e -> e.label() + ": " + e.message())
                .distinct().collect(Collectors.joining("; "));
        store.notify(declarantId, "-", lrn.length() > 35 ? lrn.substring(0, 35) : lrn, NotificationType.DMSREJ,
                "Declaration " + lrn + " rejected: " + reasons, clock.instant());
    }

    public DeclarationStore store() { return store; }

    public Clock clock() { return clock; }

    /** Facts recorded in the audit trail with each decision (see {@link AuditDetails}). */
    record Submitted(String lrn, String declarant) { }

    record ChannelFacts(int score, Channel channel, String model, boolean random,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Channel previousChannel) { }

    record Version(int version) { }

    record CorrectionFacts(int version, BigDecimal dutyDifference, String currency) { }

    record StatusFacts(DeclarationStatus status) { }

    record Reclassified(int sequence, String from, String to, @JsonInclude(JsonInclude.Include.NON_NULL) Money customsValue, int version) { }

    record Move(DeclarationStatus from, DeclarationStatus to) { }

    /** {@link Move}'s audit details for every pair of statuses, written once ({@link AuditDetails#json}). */
    private static final String[][] MOVES = new String[DeclarationStatus.values().length][DeclarationStatus.values().length];

    static {
        for (DeclarationStatus from : DeclarationStatus.values()) {
            for (DeclarationStatus to : DeclarationStatus.values()) MOVES[from.ordinal()][to.ordinal()] = AuditDetails.json(new Move(from, to));
        }
    }

    private static String moveDetails(DeclarationStatus from, DeclarationStatus to) {
        return MOVES[from.ordinal()][to.ordinal()];
    }

    /** A new declaration id (MRN), for a submission that is stored later under it ({@link #submit(Declaration, Actor, String)}). */
    public String allocateId() {
        return newMrn();
    }

    /**
     * A new MRN: two-digit year, "SC", the second of the year in five base-36 characters (so ids rise with time) and
     * nine characters drawn uniformly from 0-9A-Z (36^9, about 10^14 a second). Rising ids keep the writes of every
     * index keyed by the declaration id (its primary key, the items' key, the history's, the audit trail's subject)
     * at the right-hand end of the index, where the pages are in memory, instead of a random page of an index that
     * grows past the database's cache with the table (docs/intake.md, session 14). The random bytes come from one
     * SecureRandom call (a byte of 252 or more is dropped, so each character stays uniform) instead of one per
     * character: SecureRandom is synchronised and was a visible share of a bulk import's time.
     */
    private String newMrn() {
        return mrn(clock.instant(), random);
    }

    /** Replaces the source of new MRNs' random characters (tests: one that repeats an MRN). */
    void mrnRandom(java.util.Random source) {
        random = java.util.Objects.requireNonNull(source, "source");
    }

    /** {@link #newMrn()} at {@code at}, drawing from {@code random}. */
    static String mrn(Instant at, java.util.Random random) {
        java.time.ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        int year = t.getYear() % 100;
        long second = at.getEpochSecond() - t.toLocalDate().withDayOfYear(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        char[] id = new char[18];
        id[0] = (char) ('0' + year / 10);
        id[1] = (char) ('0' + year % 10);
        id[2] = 'S';
        id[3] = 'C';
        for (int k = 8; k >= 4; k--) { // 36^5 = 60,466,176 > 31,622,400 seconds in a leap year
            id[k] = MRN_CHARS[(int) (second % MRN_CHARS.length)];
            second /= MRN_CHARS.length;
        }
        byte[] bytes = new byte[16];
        int next = bytes.length;
        int at9 = 9;
        while (at9 < id.length) {
            if (next == bytes.length) {
                random.nextBytes(bytes);
                next = 0;
            }
            int b = bytes[next++] & 0xFF;
            if (b < 252) id[at9++] = MRN_CHARS[b % MRN_CHARS.length]; // 252 = 7 x 36
        }
        return new String(id);
    }
}
