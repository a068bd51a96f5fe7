package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.server.audit.AuditLog;
import org.smartcustoms.server.audit.AuditVerifier;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.BatchRow;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.RowResult;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batched intake (issue 12) on a database of its own (the audit rows are tampered with here, which the shared
 * test database must never see): per-row results with row numbers, bad rows alone rejected, idempotent re-runs,
 * declarations stored as the single path stores them, and an audit chain appended a batch at a time that still
 * verifies, also with single submissions running concurrently, and names the first edited, deleted or inserted entry.
 */
class BatchIntakeAuditTest {
    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(int batchSize) {
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        return options.offline("--smartcustoms.intake.batch-size=" + batchSize);
    }

    private static List<Declaration> generated(int n, long seed) {
        return new DemoWorldGenerator(LocalDate.of(2026, 6, 30), 365, null).generate(n, seed).stream()
                .map(GeneratedDeclaration::declaration).toList();
    }

    @Test
    void badRowsAreRejectedAloneWithTheirRowNumbersAndARerunStoresNothingTwice() {
        try (ConfigurableApplicationContext ctx = start(40)) {
            DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
            List<Declaration> ds = generated(100, 5);
            List<BatchRow> rows = new ArrayList<>();
            for (int i = 0; i < ds.size(); i++) {
                Declaration d = ds.get(i);
                // rows 7 and 63: no goods items (invalid); row 90 repeats row 10's declarant + LRN
                if (i == 6 || i == 62) d = d.withItems(List.of());
                if (i == 89) d = ds.get(9);
                rows.add(new BatchRow(i + 1, d));
            }
            List<RowResult> first = intake.submitBatch(rows, Actor.system("batch-test"));
            assertThat(first).extracting(RowResult::row).containsExactlyElementsOf(rows.stream().map(BatchRow::row).toList());
            assertThat(first.stream().filter(r -> r.outcome() == RowResult.Outcome.REJECTED).map(RowResult::row)).containsExactly(7L, 63L);
            assertThat(first.get(6).violations()).isNotEmpty();
            assertThat(first.get(89).outcome()).isEqualTo(RowResult.Outcome.DUPLICATE);
            assertThat(first.get(89).id()).isEqualTo(first.get(9).id());
            assertThat(first.stream().filter(r -> r.outcome() == RowResult.Outcome.ACCEPTED)).hasSize(97);

            // stored as the single path stores a declaration: lifecycle history, risk decision, assessment
            StoredDeclaration s = intake.store().find(first.get(0).id()).orElseThrow();
            assertThat(s.history()).extracting(StoredDeclaration.StatusChange::status)
                    .startsWith(DeclarationStatus.SUBMITTED, DeclarationStatus.ACCEPTED, DeclarationStatus.RISK_ASSESSED);
            assertThat(s.status()).isIn(DeclarationStatus.RELEASED, DeclarationStatus.UNDER_CONTROL);
            assertThat(s.risk()).isNotNull();
            assertThat(s.assessment()).isNotNull();
            assertThat(s.channel()).isNotNull();

            List<RowResult> again = intake.submitBatch(rows, Actor.system("batch-test"));
            assertThat(again.stream().filter(r -> r.outcome() == RowResult.Outcome.ACCEPTED)).isEmpty();
            assertThat(again.stream().filter(r -> r.outcome() == RowResult.Outcome.DUPLICATE)).hasSize(98);
            for (int i = 0; i < rows.size(); i++) assertThat(again.get(i).id()).isEqualTo(first.get(i).id());
            assertThat(ctx.getBean(AuditVerifier.class).verify().ok()).isTrue();
        }
    }

    @Test
    void batchAppendsKeepTheChainWithConcurrentSingleSubmissionsAndTamperingIsNamed() throws Exception {
        try (ConfigurableApplicationContext ctx = start(50)) {
            DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
            AuditVerifier verifier = ctx.getBean(AuditVerifier.class);
            JdbcTemplate db = ctx.getBean(JdbcTemplate.class);
            List<Declaration> batch = generated(300, 11);
            List<Declaration> singles = generated(60, 12);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> {
                List<BatchRow> rows = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) rows.add(new BatchRow(i + 1, batch.get(i)));
                assertThat(intake.submitBatch(rows, Actor.system("batch"))).allMatch(r -> r.outcome() == RowResult.Outcome.ACCEPTED);
            }));
            for (int t = 0; t < 2; t++) {
                int from = t * 30;
                work.add(pool.submit(() -> {
                    for (Declaration d : singles.subList(from, from + 30)) assertThat(intake.submit(d, "single").created()).isTrue();
                }));
            }
            for (Future<?> f : work) f.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            AuditVerifier.Result ok = verifier.verify();
            assertThat(ok.ok()).as(ok.message()).isTrue();
            long entries = ctx.getBean(AuditLog.class).head().seq();
            // each declaration: submitted, accepted, channel decision, risk assessed, released / under control (at least)
            assertThat(entries).isGreaterThanOrEqualTo(360L * 5);
            assertThat(ok.entriesChecked()).isEqualTo(entries);

            long mid = entries / 2;
            String original = db.queryForObject("SELECT reason FROM audit_event WHERE seq = ?", String.class, mid);
            db.update("UPDATE audit_event SET reason = 'forged' WHERE seq = ?", mid);
            assertBroken(verifier, mid, AuditVerifier.EDITED);
            db.update("UPDATE audit_event SET reason = ? WHERE seq = ?", original, mid);
            assertThat(verifier.verify().ok()).isTrue();

            db.execute("CREATE TABLE saved_entry AS SELECT * FROM audit_event WHERE seq = " + (mid + 1));
            db.update("DELETE FROM audit_event WHERE seq = ?", mid + 1);
            assertBroken(verifier, mid + 2, AuditVerifier.RELINKED); // the entry after the deleted one no longer links
            db.update("INSERT INTO audit_event SELECT * FROM saved_entry");
            assertThat(verifier.verify().ok()).isTrue();

            // an entry slipped in behind the chain head's back, correctly linked and hashed: the head gives it away
            var last = ctx.getBean(AuditLog.class).entriesAfter(entries - 1, 1).get(0);
            String forged = org.smartcustoms.server.audit.AuditHash.hash(entries + 1, last.at(), "intruder", last.action(),
                    last.subjectType(), last.subjectId(), "inserted", last.details(), last.hash());
            db.update("INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash) "
                    + "SELECT seq + 1, at, 'intruder', action, subject_type, subject_id, 'inserted', details, hash, ? FROM audit_event WHERE seq = ?",
                    forged, entries);
            assertBroken(verifier, entries + 1, AuditVerifier.TRUNCATED);
        }
    }

    private static void assertBroken(AuditVerifier verifier, long seq, String reason) {
        AuditVerifier.Result r = verifier.verify();
        assertThat(r.ok()).as(r.message()).isFalse();
        assertThat(r.firstBrokenSeq()).as(r.message()).isEqualTo(seq);
        assertThat(r.reason()).isEqualTo(reason);
    }
}
