package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;

/**
 * {@code audit verify} on a data directory: exit 0 while intact, 3 and the broken seq after a row is edited.
 * The commands are run directly (the lead mounts them in {@link SmartCustomsCli}).
 */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyExitCodesAndFirstBrokenLink() throws Exception {
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        try (ConfigurableApplicationContext ctx = options.offline()) {
            JdbcAuditTrail trail = ctx.getBean(JdbcAuditTrail.class);
            for (int i = 0; i < 3; i++) trail.record("admin", AuditAction.USER_CREATED, AuditSubject.USER, "u" + i, null, "{\"n\": " + i + "}");
        }
        Run ok = run("verify", "--data-dir", dir.toString());
        assertThat(ok.code).as(ok.out).isEqualTo(0);
        assertThat(ok.out).contains("intact").contains("3 entries");

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/smartcustoms", "sa", "")) {
            c.createStatement().executeUpdate("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2");
        }
        Run broken = run("verify", "--data-dir", dir.toString());
        assertThat(broken.code).as(broken.out).isEqualTo(3);
        assertThat(broken.out).contains("seq 2").contains("hash mismatch (row edited)");
    }

    @Test
    void retrainRefusesAnEmptyDatabase() {
        CommandLine cl = new CommandLine(new RetrainCommand());
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute("--data-dir", dir.toString(), "--min-results", "1");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: Only 0 declaration(s) have inspection results");
    }

    @Test
    void aDatabaseHeldByARunningServerGivesOneLineNotAStackTrace() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(first).isEqualTo("holding");
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            PrintStream both = new PrintStream(all, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            int code;
            try {
                code = SmartCustomsCli.run("audit", "verify", "--data-dir", dir.toString());
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            String text = all.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isEqualTo(1);
            assertThat(text).contains("is in use by a running SMART Customs server").contains("--server");
            assertThat(text).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Caused by");
            assertThat(text.lines().filter(l -> !l.isBlank()).count()).as(text).isLessThanOrEqualTo(3);
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    private record Run(int code, String out) { }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new AuditCommand()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
