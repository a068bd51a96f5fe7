package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.TestModels;
import org.smartcustoms.server.audit.AuditEntry;
import org.smartcustoms.server.audit.AuditLog;
import org.smartcustoms.server.audit.AuditVerifier;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.BatchRow;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.Notification;
import org.smartcustoms.server.declaration.RowResult;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The batched intake concludes a batch's declarations on several threads (smartcustoms.intake.prepare-threads) with
 * the outcome of one thread, also with two batches written at a time (smartcustoms.intake.writers): the same risk scores, reasons (the model reads a history that the batch's own
 * declarations feed as they are scored), random selections, channels, history, notifications and audit entries in
 * the same order, and a chain that verifies; a declarant + LRN given several times in one batch is stored once.
 */
class BatchIntakeParallelTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @TempDir
    Path dir;

    /** One run on its own database: a model, a rule and 2 % random selection with a fixed seed. */
    private record Run(List<RowResult> results, Map<String, String> lrnOf, ConfigurableApplicationContext ctx, long auditFrom) { }

    private Run run(String name, int threads, int writers, TrainedFraudModel model, List<BatchRow> rows) throws Exception {
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.resolve(name).toString();
        ConfigurableApplicationContext ctx = options.offline("--smartcustoms.intake.batch-size=60",
                "--smartcustoms.intake.prepare-threads=" + threads, "--smartcustoms.intake.writers=" + writers,
                "--smartcustoms.risk.random-seed=17",
                "--smartcustoms.risk.random-share=0.05");
        RiskService risk = ctx.getBean(RiskService.class);
        String rule = risk.createRule(new RiskService.RuleDraft("High value", "value > params.min_value", Threat.OTHER, 30, null,
                Map.of("min_value", 20_000.0), null, null, true), "test").id();
        risk.promote(risk.registry().register(model));
        DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
        assertThat(intake.prepareThreads()).isEqualTo(threads);
        assertThat(intake.writers()).isEqualTo(writers);
        long from = ctx.getBean(AuditLog.class).head().seq();
        List<RowResult> results = intake.submitBatch(rows, Actor.system("parallel-test"));
        Map<String, String> lrnOf = new HashMap<>();
        lrnOf.put(rule, "the rule"); // rule ids are drawn at random too
        for (RowResult r : results) {
            if (r.outcome() == RowResult.Outcome.ACCEPTED) {
                StoredDeclaration s = intake.store().find(r.id()).orElseThrow();
                lrnOf.put(r.id(), s.declarantId() + "/" + s.declaration().lrn());
            }
        }
        return new Run(results, lrnOf, ctx, from);
    }

    /** Everything stored for the run's declarations, MRNs replaced by declarant/LRN and the rule id by a name (drawn at random). */
    private static List<String> outcome(Run run) {
        DeclarationIntake intake = run.ctx().getBean(DeclarationIntake.class);
        List<String> out = new ArrayList<>();
        for (RowResult r : run.results()) {
            if (r.outcome() != RowResult.Outcome.ACCEPTED) {
                out.add(r.row() + " " + r.outcome() + " " + (r.id() == null ? "" : run.lrnOf().get(r.id())) + " " + r.violations());
                continue;
            }
            StoredDeclaration s = intake.store().find(r.id()).orElseThrow();
            StringBuilder b = new StringBuilder().append(r.row()).append(' ').append(run.lrnOf().get(r.id())).append(' ')
                    .append(s.status()).append(' ').append(s.channel()).append(' ').append(s.risk().score()).append(' ')
                    .append(s.risk().randomlySelected()).append(' ').append(s.risk().fraudProbability()).append(' ')
                    .append(s.risk().scorecard()).append(' ').append(s.risk().reasons()).append(' ').append(s.assessment());
            for (StoredDeclaration.StatusChange c : s.history()) b.append(" | ").append(c.status()).append(' ').append(c.reason()).append(' ').append(c.actor());
            for (Notification n : intake.store().notifications(s.declarantId(), 0, null, 1000)) {
                if (r.id().equals(n.declarationId())) b.append(" # ").append(n.type()).append(' ').append(n.message());
            }
            out.add(anonymous(b.toString(), run));
        }
        AuditLog audit = run.ctx().getBean(AuditLog.class);
        long end = audit.head().seq();
        for (AuditEntry e : audit.entriesAfter(run.auditFrom(), (int) (end - run.auditFrom()))) {
            if (!"declaration".equals(e.subjectType())) continue; // set-up entries (the model's promotion) chain in the background
            out.add(anonymous("audit " + e.actor() + " " + e.action() + " " + e.subjectType() + " " + e.subjectId() + " "
                    + e.reason() + " " + e.details(), run));
        }
        return out;
    }

    private static String anonymous(String text, Run run) {
        String t = text;
        for (Map.Entry<String, String> e : run.lrnOf().entrySet()) t = t.replace(e.getKey(), "<" + e.getValue() + ">");
        return t;
    }

    @Test
    void severalPreparingThreadsGiveTheOneThreadOutcomeAndDuplicatesInABatchAreStoredOnce() throws Exception {
        TrainedFraudModel model = TestModels.small(TODAY);
        List<Declaration> ds = new DemoWorldGenerator(TODAY, 365, null).generate(400, 23).stream()
                .map(GeneratedDeclaration::declaration).toList();
        List<BatchRow> rows = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            Declaration d = ds.get(i);
            // the same declarant + LRN three times in one batch (rows 21, 22, 45) and once in a later batch (row 300)
            if (i == 21 || i == 44 || i == 299) d = ds.get(20);
            if (i == 7) d = d.withItems(List.of()); // invalid: rejected alone
            rows.add(new BatchRow(i + 1, d));
        }
        Run one = run("one", 1, 1, model, rows);
        Run three = run("three", 3, 2, model, rows); // and two batches written at a time
        try {
            for (Run r : List.of(one, three)) {
                AuditVerifier.Result ok = r.ctx().getBean(AuditVerifier.class).verify();
                assertThat(ok.ok()).as(ok.message()).isTrue();
                RowResult first = r.results().get(20);
                assertThat(first.outcome()).isEqualTo(RowResult.Outcome.ACCEPTED);
                for (int i : new int[] {21, 44, 299}) {
                    assertThat(r.results().get(i).outcome()).isEqualTo(RowResult.Outcome.DUPLICATE);
                    assertThat(r.results().get(i).id()).isEqualTo(first.id());
                }
                assertThat(r.results().get(7).outcome()).isEqualTo(RowResult.Outcome.REJECTED);
                assertThat(r.results().stream().filter(x -> x.outcome() == RowResult.Outcome.ACCEPTED)).hasSize(396);
            }
            List<String> sequential = outcome(one);
            List<String> parallel = outcome(three);
            assertThat(sequential.stream().filter(l -> l.contains("random selection"))).as("random draws are compared").isNotEmpty();
            assertThat(sequential.stream().filter(l -> l.contains("earlier declarations"))).as("the model's history is compared").isNotEmpty();
            for (int i = 0; i < Math.min(sequential.size(), parallel.size()); i++) {
                assertThat(parallel.get(i)).as("line %d", i).isEqualTo(sequential.get(i)); // the first difference, readable
            }
            assertThat(parallel).hasSameSizeAs(sequential);
        } finally {
            one.ctx().close();
            three.ctx().close();
        }
    }
}
