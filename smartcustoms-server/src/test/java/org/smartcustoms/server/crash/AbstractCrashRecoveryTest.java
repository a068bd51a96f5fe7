package org.smartcustoms.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.server.cli.SmartCustomsCli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Nothing acknowledged is lost: the real server (and the bulk import) run in a child JVM, are killed with
 * SIGKILL ({@link Process#destroyForcibly()}) in the middle of concurrent work, and started again on the same
 * database. Every declaration answered 201/200 before the kill must be there afterwards, and the import may
 * never have reported more accepted rows than are stored. Subclasses run it on the embedded H2 file database
 * and on the real PostgreSQL.
 */
abstract class AbstractCrashRecoveryTest {
    static final String TOKEN = "crash-test-bootstrap-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern PROGRESS = Pattern.compile("^progress rows=(\\d+) accepted=(\\d+) duplicates=(\\d+) rejected=(\\d+)$");

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Points a child JVM at this test's database: environment variables and JVM arguments (-D...). */
    abstract void database(Map<String, String> env, List<String> jvmArgs);

    /** A direct connection to the same database, to count what is stored. */
    abstract Connection connect() throws SQLException;

    abstract String databaseName();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a guard against hangs, not a performance assertion
    void everyAcknowledgedSubmissionSurvivesKill9() throws Exception {
        int port = freePort();
        Process server = start("serve-1", List.of("serve", "--port", String.valueOf(port), "--data-dir", dataDir().toString()));
        awaitReady(server, port, "serve-1");

        String template = template();
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // LRN -> id, answered 201 or 200
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String lrn = "CR" + run + "-" + thread + "-" + i;
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/declarations"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(template.replace("LRN-TEST-0001", lrn))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                            acknowledged.put(lrn, JSON.readTree(r.body()).get("id").asText());
                        } else {
                            throw new AssertionError("submission answered " + r.statusCode() + ": " + r.body());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet(); // the server is gone (killed): not acknowledged, nothing promised
                        if (!server.isAlive()) return null;
                    }
                }
                return null;
            }));
        }
        // Load until a hundred answers are in (the server is warm and committing steadily), a second more, then
        // kill -9 with the workers still sending.
        while (acknowledged.size() < 100) {
            assertThat(server.isAlive()).as("server died under load:\n%s", tail("serve-1")).isTrue();
            for (Future<?> w : workers) if (w.isDone()) w.get(); // surfaces an unexpected answer
            Thread.sleep(20);
        }
        Thread.sleep(1000);
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Future<?> w : workers) w.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        Map<String, String> acked = Map.copyOf(acknowledged);

        int port2 = freePort();
        Process again = start("serve-2", List.of("serve", "--port", String.valueOf(port2), "--data-dir", dataDir().toString()));
        awaitReady(again, port2, "serve-2");
        List<String> lost = new ArrayList<>();
        ExecutorService check = Executors.newFixedThreadPool(4);
        List<Future<String>> checks = new ArrayList<>();
        for (Map.Entry<String, String> e : acked.entrySet()) {
            checks.add(check.submit(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port2 + "/api/v1/declarations/" + e.getValue()))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) return e.getKey() + " (" + e.getValue() + "): " + r.statusCode();
                JsonNode d = JSON.readTree(r.body());
                String lrn = d.path("lrn").asText(d.path("declaration").path("lrn").asText());
                return lrn.equals(e.getKey()) ? null : e.getKey() + " (" + e.getValue() + "): stored with LRN " + lrn;
            }));
        }
        for (Future<String> f : checks) {
            String miss = f.get(120, TimeUnit.SECONDS);
            if (miss != null) lost.add(miss);
        }
        check.shutdown();
        System.out.printf("crash test [%s, server]: %d acknowledged before kill -9, %d requests cut off, %d acknowledged lost%n",
                databaseName(), acked.size(), failed.get(), lost.size());
        assertThat(acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(100);
        assertThat(lost).as("%d of %d acknowledged declarations lost after kill -9 on %s", lost.size(), acked.size(), databaseName())
                .isEmpty();
        again.destroy();
        again.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void importNeverReportsMoreThanIsStored() throws Exception {
        // A Japan Customs extract (import --format jp): every row is a valid declaration of its own.
        Path csv = dir.resolve("declarations.csv");
        int rows = 4000;
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        StringBuilder sb = new StringBuilder("declaration_no,declaration_date,shipper_name,importer_no,importer_name,hs_code,"
                + "invoice_price,currency,taxation_base_value,duty,quantity,unit,origin_country\n");
        for (int i = 1; i <= rows; i++) {
            sb.append("CI").append(run).append('-').append(i).append(",2026-01-15,Shenzhen Bright Lighting,P1234567,Yamato Shoji,")
                    .append(i % 2 == 0 ? "851310" : "610910").append(',').append(1000 + i).append(",USD,").append(150_000 + 150 * i)
                    .append(",0,").append(10 + i % 90).append(",KG,CN\n");
        }
        Files.writeString(csv, sb, StandardCharsets.UTF_8);

        Process imp = start("import", List.of("import", "--format", "jp", "--progress", "lines", "--data-dir", dataDir().toString(), csv.toString()));
        long[] reported = {0, 0};
        while (reported[1] < 300) {
            assertThat(imp.isAlive()).as("import ended before it could be killed (%d rows accepted):\n%s", reported[1], tail("import")).isTrue();
            Thread.sleep(20);
            reported = lastProgress();
        }
        imp.destroyForcibly();
        imp.waitFor(30, TimeUnit.SECONDS);
        reported = lastProgress(); // the last line it printed before it died
        long stored;
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM declaration")) {
            rs.next();
            stored = rs.getLong(1);
        }
        System.out.printf("crash test [%s, import]: %d rows processed, %d reported accepted before kill -9, %d stored (%d lost)%n",
                databaseName(), reported[0], reported[1], stored, Math.max(0, reported[1] - stored));
        assertThat(reported[0]).as("killed mid-way").isLessThan(rows);
        assertThat(reported[1]).as("rows accepted before the kill").isGreaterThanOrEqualTo(300);
        assertThat(stored).as("declarations stored after kill -9 vs. the %d the import reported accepted on %s", reported[1], databaseName())
                .isGreaterThanOrEqualTo(reported[1]);
    }

    /**
     * The batched import (issue 12): generated declarations are imported in batches of 200, the import is killed
     * with SIGKILL after some batches were reported, then run again to the end. Every row it reported accepted
     * before the kill is stored, nothing is stored twice, the re-run skips what is stored and ends with every row
     * stored once, and the audit chain (appended a batch at a time) verifies.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void batchedImportKilledMidwayThenRerunStoresEveryRowExactlyOnce() throws Exception {
        int rows = 5000;
        Path file = generated(rows);
        List<String> args = List.of("import", "--format", "jsonl", "--batch-size", "200", "--progress", "lines",
                "--data-dir", dataDir().toString(), file.toString());
        Process imp = start("import", args);
        long[] reported = {0, 0};
        while (reported[1] < 600) {
            assertThat(imp.isAlive()).as("import ended before it could be killed (%d rows accepted):\n%s", reported[1], tail("import")).isTrue();
            Thread.sleep(10);
            reported = lastProgress("import");
        }
        imp.destroyForcibly();
        imp.waitFor(30, TimeUnit.SECONDS);
        reported = lastProgress("import");
        long[] stored = storedOnce();
        System.out.printf("crash test [%s, batched import]: %d rows reported accepted before kill -9, %d stored%n",
                databaseName(), reported[1], stored[0]);
        assertThat(reported[0]).as("killed mid-way").isLessThan(rows);
        assertThat(stored[0]).as("stored after kill -9 vs. reported accepted on %s", databaseName()).isGreaterThanOrEqualTo(reported[1]);
        assertThat(stored[0]).as("no batch is half-stored: whole batches of 200").isEqualTo(stored[0] / 200 * 200);
        assertThat(stored[1]).as("declarant + LRN pairs stored vs. rows (nothing twice)").isEqualTo(stored[0]);

        Process again = start("import-2", args);
        assertThat(again.waitFor(240, TimeUnit.SECONDS)).as("re-run finished:\n%s", tail("import-2")).isTrue();
        String out = Files.readString(dir.resolve("import-2.out"), StandardCharsets.UTF_8);
        assertThat(again.exitValue()).as(out + tail("import-2")).isZero();
        assertThat(out).contains("accepted: " + (rows - stored[0]) + ", already present: " + stored[0] + ", rejected: 0");
        long[] all = storedOnce();
        assertThat(all[0]).as("every row stored once after the re-run").isEqualTo(rows);
        assertThat(all[1]).isEqualTo(rows);
        assertAuditVerifies("verify-1");
    }

    /** SIGTERM during a batched import: the batch in flight commits, the summary says what was stored, nothing more is. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void batchedImportStopsGracefullyOnSigterm() throws Exception {
        int rows = 5000;
        Path file = generated(rows);
        Process imp = start("import", List.of("import", "--format", "jsonl", "--batch-size", "200", "--progress", "lines",
                "--data-dir", dataDir().toString(), file.toString()));
        long[] reported = {0, 0};
        while (reported[1] < 400) {
            assertThat(imp.isAlive()).as("import ended before it could be stopped:\n%s", tail("import")).isTrue();
            Thread.sleep(10);
            reported = lastProgress("import");
        }
        imp.destroy(); // SIGTERM
        assertThat(imp.waitFor(120, TimeUnit.SECONDS)).as("stopped after SIGTERM:\n%s", tail("import")).isTrue();
        String out = Files.readString(dir.resolve("import.out"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("accepted: (\\d+), already present: 0, rejected: 0").matcher(out);
        assertThat(m.find()).as("summary printed on SIGTERM:\n%s", tail("import")).isTrue();
        long summary = Long.parseLong(m.group(1));
        long[] stored = storedOnce();
        System.out.printf("crash test [%s, SIGTERM]: summary %d accepted, %d stored%n", databaseName(), summary, stored[0]);
        assertThat(out).contains("stopped on request");
        assertThat(summary).isLessThan(rows).isGreaterThanOrEqualTo(reported[1]);
        assertThat(stored[0]).as("stored = what the summary reports").isEqualTo(summary);
        assertAuditVerifies("verify-2");
    }

    private Path generated(int rows) throws IOException {
        Path file = dir.resolve("generated.jsonl");
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            org.smartcustoms.demo.DemoWorldGenerator.writeJsonLines(
                    new org.smartcustoms.demo.DemoWorldGenerator(java.time.LocalDate.of(2026, 6, 30), 365, null)
                            .stream(rows, System.nanoTime()), w);
        }
        return file;
    }

    /** Declarations stored, and distinct declarant + LRN pairs among them. */
    private long[] storedOnce() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT declarant_id || '/' || lrn) FROM declaration")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void assertAuditVerifies(String name) throws Exception {
        Process v = start(name, List.of("audit", "verify", "--data-dir", dataDir().toString()));
        assertThat(v.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        assertThat(v.exitValue()).as(out + tail(name)).isZero();
        assertThat(out).contains("intact");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** rows and accepted of the last complete progress line of the import's standard error. */
    private long[] lastProgress() throws IOException {
        return lastProgress("import");
    }

    private long[] lastProgress(String name) throws IOException {
        String err = Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
        int end = err.lastIndexOf('\n'); // a line is complete only with its newline
        long[] last = {0, 0};
        if (end < 0) return last;
        for (String line : err.substring(0, end).split("\n")) {
            Matcher m = PROGRESS.matcher(line.strip());
            if (m.matches()) last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
        return last;
    }

    private Process start(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+EnableDynamicAgentLoading"));
        Map<String, String> env = new HashMap<>();
        env.put("SMARTCUSTOMS_BOOTSTRAP_TOKEN", TOKEN);
        List<String> jvm = new ArrayList<>(List.of("-Dsmartcustoms.demo.enabled=false"));
        String shared = System.getProperty("smartcustoms.shared.dir");
        if (shared != null) jvm.add("-Dsmartcustoms.shared.dir=" + shared);
        database(env, jvm);
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SmartCustomsCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().remove("SMARTCUSTOMS_DB_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private void awaitReady(Process p, int port, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("%s exited with %s:\n%s", name, p.isAlive() ? "-" : p.exitValue(), tail(name)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not become ready:\n" + tail(name));
    }

    private String tail(String name) {
        StringBuilder sb = new StringBuilder();
        for (String ext : List.of(".out", ".err")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ext), StandardCharsets.UTF_8);
                List<String> kept = new ArrayList<>(lines.stream().filter(l -> !l.startsWith("progress ")).toList());
                lines.stream().filter(l -> l.startsWith("progress ")).reduce((a, b) -> b).ifPresent(kept::add);
                String s = String.join("\n", kept);
                sb.append("--- ").append(name).append(ext).append('\n').append(s.length() > 4000 ? s.substring(s.length() - 4000) : s).append('\n');
            } catch (IOException e) {
                sb.append("--- ").append(name).append(ext).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String template() throws IOException {
        try (InputStream in = AbstractCrashRecoveryTest.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
