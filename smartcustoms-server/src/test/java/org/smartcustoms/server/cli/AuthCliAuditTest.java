package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.audit.AuditEntry;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine;

/**
 * Changes made from the command line are in the audit trail like those made through the API: {@code user},
 * {@code model retrain}, {@code model promote}, {@code model rollback}, each as {@code cli:<os user>}; and
 * {@code audit verify} still passes afterwards.
 */
class AuthCliAuditTest {
    @TempDir
    Path dir;

    /** The offline contexts read system properties: a small model is enough here. */
    @org.junit.jupiter.api.BeforeAll
    static void fewRounds() {
        System.setProperty("smartcustoms.retrain.rounds", "20");
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        System.clearProperty("smartcustoms.retrain.rounds");
    }

    @Test
    void userRetrainPromoteAndRollbackFromTheCliAreAuditedAndTheChainVerifies() throws Exception {
        String actor = "cli:" + System.getProperty("user.name");

        Run user = run(new UserCommand(), "--data-dir", dir.toString(), "--username", "cli-officer", "--role", "OFFICER");
        assertThat(user.code).as(user.out).isZero();
        assertThat(user.out).contains("created with id").contains("token: sct_");

        seedInspectionResults();
        Run first = run(new RetrainCommand(), "--data-dir", dir.toString(), "--min-results", "10");
        assertThat(first.code).as(first.out).isZero();
        Run second = run(new RetrainCommand(), "--data-dir", dir.toString(), "--min-results", "10");
        assertThat(second.code).as(second.out).isZero();
        String v1 = version(first.out);
        String v2 = version(second.out);
        assertThat(v1).isNotEqualTo(v2);

        assertThat(run(new ModelCommand.Promote(), "--data-dir", dir.toString(), v1).code).isZero();
        // refused, and not audited: promoting the model in production, rolling back with no earlier one
        assertThat(run(new ModelCommand.Promote(), "--data-dir", dir.toString(), v1).code).isNotZero();
        assertThat(run(new ModelCommand.Rollback(), "--data-dir", dir.toString()).code).isNotZero();
        assertThat(run(new ModelCommand.Promote(), "--data-dir", dir.toString(), v2).code).isZero();
        Run back = run(new ModelCommand.Rollback(), "--data-dir", dir.toString());
        assertThat(back.code).as(back.out).isZero();
        assertThat(back.out).contains("promoted " + v1);

        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        try (ConfigurableApplicationContext ctx = options.offline()) {
            JdbcAuditTrail trail = ctx.getBean(JdbcAuditTrail.class);
            long userId = ctx.getBean(UserDirectory.class).byUsername("cli-officer").orElseThrow().id();
            assertThat(one(trail, "USER_CREATED", String.valueOf(userId)).actor()).isEqualTo(actor);
            AuditEntry token = one(trail, "TOKEN_ISSUED", String.valueOf(userId));
            assertThat(token.actor()).isEqualTo(actor);
            assertThat(token.details()).contains("\"label\":\"cli\"").contains("expiresAt");
            assertThat(one(trail, "MODEL_REGISTERED", v1).actor()).isEqualTo(actor);
            assertThat(one(trail, "MODEL_REGISTERED", v2).actor()).isEqualTo(actor);
            List<AuditEntry> promoted = trail.find(null, "MODEL_PROMOTED", null, 0, 10).items();
            assertThat(promoted).extracting(AuditEntry::subjectId).containsExactly(v2, v1);
            assertThat(promoted).allSatisfy(e -> assertThat(e.actor()).isEqualTo(actor));
            AuditEntry rolledBack = one(trail, "MODEL_ROLLED_BACK", v1);
            assertThat(rolledBack.actor()).isEqualTo(actor);
            assertThat(rolledBack.details()).contains("\"from\":\"" + v2 + "\"").contains("\"to\":\"" + v1 + "\"");
        }

        Run verify = run(new AuditCommand.Verify(), "--data-dir", dir.toString());
        assertThat(verify.code).as(verify.out).isZero();
        assertThat(verify.out).contains("intact");
    }

    @Test
    void aFailedPromotionLeavesNoAuditEntry() throws Exception {
        Run r = run(new ModelCommand.Promote(), "--data-dir", dir.toString(), "no-such-version");
        assertThat(r.code).isNotZero();
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        try (ConfigurableApplicationContext ctx = options.offline()) {
            assertThat(ctx.getBean(JdbcAuditTrail.class).find(null, "MODEL_PROMOTED", null, 0, 10).total()).isZero();
        }
    }

    /** Twelve inspected declarations, four irregular (undervalued), straight into the database. */
    private void seedInspectionResults() {
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        try (ConfigurableApplicationContext ctx = options.offline()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            WorkspaceFixtures fx = new WorkspaceFixtures(ctx.getBean(DeclarationIntake.class), jdbc);
            for (int i = 0; i < 12; i++) {
                boolean irregular = i % 3 == 0;
                String id = fx.declare("GB00000000" + String.format("%04d", i % 5), "TCLI", LocalDate.now().minusDays(i), "610910", "BD",
                        irregular ? "400" : String.valueOf(2400 + i), "100");
                jdbc.update("INSERT INTO inspection_result (declaration_id, officer, outcome, decision, recorded_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                        id, "officer", irregular ? "UNDERVALUATION" : "NO_IRREGULARITY", "RELEASE");
            }
        }
    }

    private static AuditEntry one(JdbcAuditTrail trail, String action, String subjectId) {
        List<AuditEntry> items = trail.find(null, action, subjectId, 0, 10).items();
        assertThat(items).as(action + " " + subjectId).hasSize(1);
        return items.get(0);
    }

    private static String version(String out) {
        int at = out.indexOf("registered model ");
        assertThat(at).as(out).isGreaterThanOrEqualTo(0);
        return out.substring(at + "registered model ".length()).split(" ")[0];
    }

    private record Run(int code, String out) { }

    private static Run run(Callable<Integer> command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            CommandLine cl = new CommandLine(command);
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                capture.println("error: " + ex);
                return 1;
            });
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
