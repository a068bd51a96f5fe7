package org.smartcustoms.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.server.audit.AuditVerifier;
import org.smartcustoms.server.cluster.JdbcClusterRunCheck;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Cluster mode throughput (docs/cluster.md): this process is the API node (on loopback, the configured PostgreSQL),
 * {@code --workers} worker processes ({@code serve --worker}) decide what it queues on Kafka. Generated declarations
 * go in through {@code POST /api/v1/declarations/batch}; the clock runs from the first submission to the last
 * decision read back from the decisions topic (committed transactions only). With {@code --kill-one-after K} the
 * first worker is killed with SIGKILL once K decisions were read back. Every run ends with the exactly-once checks
 * (one decision per declaration on the topic, one stored row, one submission and one channel decision in the audit
 * trail, the chain verifies); the exit status is 1 when one fails.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Cluster mode: decisions per second with N worker processes on Kafka (SMARTCUSTOMS_KAFKA_BOOTSTRAP, e.g. bin/kafka start)",
                "and PostgreSQL (SMARTCUSTOMS_DB_URL), which the workers share. Fresh topics per run.",
                "--kill-one-after K: SIGKILL worker 1 once K decisions were read back (failover under load).",
                "Ends with the exactly-once checks (decisions per declaration, stored rows, audit entries, chain); exit 1 if one fails.",
                "Last line: {\"bench\": \"cluster\", \"workers\": n, \"declarations\": N, \"decisions_per_s\": r, ..., \"checks_ok\": true}"})
class ClusterBenchCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--workers", defaultValue = "1", description = "Worker processes (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--declarations", defaultValue = "5000", description = "Declarations submitted (default ${DEFAULT-VALUE}).")
    int declarations;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the run's intake topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--batch", defaultValue = "500", description = "Declarations per batch request (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--worker-heap", defaultValue = "1g", description = "Maximum heap of each worker JVM (default ${DEFAULT-VALUE}).")
    String workerHeap;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed of the generated declarations (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kill-one-after", defaultValue = "0", paramLabel = "K",
            description = "Kill worker 1 with SIGKILL once K decisions were read back (0, the default: no kill).")
    int killOneAfter;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CliEnvironment env = CliEnvironment.get();
        String bootstrap = env.variable("SMARTCUSTOMS_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new CliFailure("bench cluster needs SMARTCUSTOMS_KAFKA_BOOTSTRAP (bin/kafka start prints it)", null);
        }
        if (env.dbUrl() == null || !env.dbUrl().startsWith("jdbc:postgresql:")) {
            throw new CliFailure("bench cluster needs SMARTCUSTOMS_DB_URL on PostgreSQL: the worker processes share the database", null);
        }
        if (workers < 1 || workers > 64) throw new CliFailure("--workers must be between 1 and 64", null);
        if (declarations < 1 || declarations > 10_000_000) throw new CliFailure("--declarations must be between 1 and 10000000", null);
        if (partitions < workers) throw new CliFailure("--partitions must be at least --workers (a worker without a partition idles)", null);
        if (batch < 1 || batch > 10_000) throw new CliFailure("--batch must be between 1 and 10000", null);
        if (killOneAfter < 0 || killOneAfter >= declarations) throw new CliFailure("--kill-one-after must be between 0 and --declarations - 1", null);
        if (killOneAfter > 0 && workers < 2) throw new CliFailure("--kill-one-after needs at least 2 workers (one must take over)", null);
        if (env.home() == null) throw new CliFailure("run it through bin/smartcustoms (SMARTCUSTOMS_HOME locates the jar the workers run)", null);
        Path jar = Path.of(env.home(), "smartcustoms-server", "target", "smartcustoms.jar");
        if (!Files.isRegularFile(jar)) throw new CliFailure("no " + jar + ": build first (bin/smartcustoms --rebuild)", null);

        String run = Long.toString(new SecureRandom().nextLong() & 0xFFFFFFFFFFL, 36).toLowerCase(Locale.ROOT);
        String intakeTopic = "bench-intake-" + run, decisionTopic = "bench-decisions-" + run, group = "bench-workers-" + run;
        say("Generating " + declarations + " declarations...");
        List<String> bodies = bodies(run);

        say("Starting the API node...");
        try (ConfigurableApplicationContext ctx = options.webOnLoopback("--smartcustoms.cluster.bootstrap=" + bootstrap,
                "--smartcustoms.cluster.intake-topic=" + intakeTopic, "--smartcustoms.cluster.decision-topic=" + decisionTopic,
                "--smartcustoms.cluster.partitions=" + partitions, "--smartcustoms.cluster.node=bench-api")) {
            int port = ServerOptions.port(ctx);
            UserDirectory users = ctx.getBean(UserDirectory.class);
            UserAccount admin = users.create("bench-cluster-" + run, null, Role.ADMIN, null);
            String token = users.issueToken(admin.id(), "bench cluster");

            Path logs = Path.of(env.dataDir() != null ? env.dataDir() : "data", "bench-cluster-" + run);
            Files.createDirectories(logs);
            say("Starting " + workers + " worker(s) (logs in " + logs + ")...");
            List<Process> procs = new ArrayList<>();
            Map<String, Integer> decided = new ConcurrentHashMap<>();
            Map<String, Integer> byWorker = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong lastDecision = new AtomicLong();
            Thread reader = new Thread(() -> read(bootstrap, decisionTopic, run, decided, byWorker, lastDecision, reading), "bench-decisions");
            String victim = "bench-worker-1";
            AtomicLong killedAt = new AtomicLong();
            AtomicInteger decidedAtKill = new AtomicInteger(-1);
            AtomicInteger killExit = new AtomicInteger(-1);
            Thread killer = new Thread(() -> killWhen(procs.get(0), decided, killedAt, decidedAtKill, killExit, reading), "bench-killer");
            try {
                for (int i = 1; i <= workers; i++) procs.add(startWorker(jar, logs, "bench-worker-" + i, bootstrap, intakeTopic, decisionTopic, group));
                for (int i = 1; i <= workers; i++) awaitReady(procs.get(i - 1), logs.resolve("bench-worker-" + i + ".log"), "bench-worker-" + i);
                reader.start();
                if (killOneAfter > 0) killer.start();

                say("Submitting...");
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                ObjectMapper mapper = new ObjectMapper();
                long start = System.nanoTime();
                int queued = 0;
                List<String> ids = new ArrayList<>(declarations);
                for (int from = 0; from < bodies.size(); from += batch) {
                    String body = "[" + String.join(",", bodies.subList(from, Math.min(bodies.size(), from + batch))) + "]";
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/declarations/batch"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) throw new CliFailure("batch refused: " + r.statusCode() + " " + r.body(), null);
                    JsonNode answer = mapper.readTree(r.body());
                    queued += answer.get("queued").asInt();
                    for (JsonNode item : answer.get("items")) ids.add(item.get("id").asText());
                }
                long submitted = System.nanoTime();
                say(queued + " queued in " + String.format(Locale.ROOT, "%.1f", (submitted - start) / 1e9) + " s; waiting for the decisions...");
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                while (decided.size() < queued) {
                    if (System.nanoTime() > deadline) throw new CliFailure("not every declaration was decided in 30 minutes", null);
                    for (int i = 0; i < procs.size(); i++) {
                        if (!procs.get(i).isAlive() && !(i == 0 && killedAt.get() != 0)) throw new CliFailure("worker bench-worker-" + (i + 1) + " exited; see " + logs, null);
                    }
                    Thread.sleep(50);
                }
                long decidedNanos = lastDecision.get();
                double seconds = (decidedNanos - start) / 1e9;
                if (killOneAfter > 0) {
                    killer.join(10_000);
                    if (killedAt.get() == 0) throw new CliFailure("every declaration was decided before worker 1 was killed", null);
                }
                say("All decided; reading on for 3 s (a duplicate would come after the first decision), then checking...");
                Thread.sleep(3_000);
                reading.set(false);
                reader.join(10_000);

                // the exactly-once checks: on the decisions topic, in the declaration table, in the audit trail
                long duplicates = decided.values().stream().filter(c -> c > 1).count();
                int perDeclMin = ids.stream().mapToInt(id -> decided.getOrDefault(id, 0)).min().orElse(0);
                int perDeclMax = ids.stream().mapToInt(id -> decided.getOrDefault(id, 0)).max().orElse(0);
                long missing = ids.stream().filter(id -> !decided.containsKey(id)).count();
                Set<String> idSet = Set.copyOf(ids);
                long foreign = decided.keySet().stream().filter(id -> !idSet.contains(id)).count();
                JdbcClusterRunCheck.RunCounts stored = ctx.getBean(JdbcClusterRunCheck.class).count(lrnPrefix(run));
                AuditVerifier.Result chain = ctx.getBean(AuditVerifier.class).verify();
                boolean ok = queued == declarations && idSet.size() == declarations && missing == 0 && foreign == 0
                        && perDeclMin == 1 && perDeclMax == 1 && stored.exactlyOnce(declarations) && chain.ok()
                        && (killOneAfter == 0 || killExit.get() == 137);

                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "{\"bench\": \"cluster\", \"workers\": %d, \"declarations\": %d, \"partitions\": %d, "
                                + "\"db\": \"%s\", \"submit_s\": %.2f, \"decide_s\": %.2f, \"decisions_per_s\": %.1f, \"duplicate_decisions\": %d, \"cores\": %d",
                        workers, queued, partitions, ServerOptions.database(ctx), (submitted - start) / 1e9, seconds, queued / seconds,
                        duplicates, Runtime.getRuntime().availableProcessors()));
                if (killOneAfter > 0) {
                    long killed = killedAt.get();
                    int before = decidedAtKill.get();
                    line.append(String.format(Locale.ROOT, ", \"killed\": \"%s\", \"killed_exit\": %d, \"killed_after_decisions\": %d, \"killed_at_s\": %.2f, "
                                    + "\"decisions_per_s_before_kill\": %.1f, \"decisions_per_s_after_kill\": %.1f",
                            victim, killExit.get(), before, (killed - start) / 1e9,
                            before / ((killed - start) / 1e9), (queued - before) / ((decidedNanos - killed) / 1e9)));
                }
                line.append(", \"decided_by\": {");
                new TreeMap<>(byWorker).forEach((w, n) -> line.append(line.charAt(line.length() - 1) == '{' ? "" : ", ")
                        .append('"').append(w).append("\": ").append(n));
                line.append(String.format(Locale.ROOT, "}, \"decisions_per_declaration_min\": %d, \"decisions_per_declaration_max\": %d, "
                                + "\"undecided\": %d, \"stored\": %d, \"stored_distinct_ids\": %d, \"stored_distinct_lrns\": %d, "
                                + "\"audit_channel_decision_min\": %d, \"audit_channel_decision_max\": %d, "
                                + "\"audit_submitted_min\": %d, \"audit_submitted_max\": %d, \"audit_chain_ok\": %s, \"audit_entries_verified\": %d, "
                                + "\"checks_ok\": %s}",
                        perDeclMin, perDeclMax, missing, stored.stored(), stored.distinctIds(), stored.distinctLrns(),
                        stored.channelDecisionMin(), stored.channelDecisionMax(), stored.submittedMin(), stored.submittedMax(),
                        chain.ok(), chain.entriesChecked(), ok));
                if (!chain.ok()) say(chain.message());
                System.out.println(line);
                return ok ? 0 : 1;
            } finally {
                reading.set(false);
                killer.interrupt();
                for (Process p : procs) p.destroy(); // SIGTERM: the poll in hand is committed
                for (Process p : procs) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
                }
                reader.join(5_000);
            }
        }
    }

    private List<String> bodies(String run) {
        List<GeneratedDeclaration> world = new DemoWorldGenerator(LocalDate.now(CliEnvironment.get().clock()), 365, null)
                .generate(declarations, seed);
        DeclarationJson writer = new DeclarationJson();
        List<String> out = new ArrayList<>(declarations);
        int i = 0;
        for (GeneratedDeclaration g : world) {
            String body = new String(writer.write(g.declaration()), StandardCharsets.UTF_8);
            String lrn = "\"lrn\":\"" + g.declaration().lrn() + "\"";
            if (!body.contains(lrn)) throw new IllegalStateException("generated JSON without its LRN");
            out.add(body.replace(lrn, "\"lrn\":\"" + lrnPrefix(run) + i++ + "\""));
        }
        return out;
    }

    private static String lrnPrefix(String run) {
        return "C" + run.toUpperCase(Locale.ROOT) + "-";
    }

    /** Kills {@code victim} with SIGKILL once {@link #killOneAfter} decisions were read back. */
    private void killWhen(Process victim, Map<String, Integer> decided, AtomicLong killedAt, AtomicInteger decidedAtKill,
                          AtomicInteger exit, AtomicBoolean reading) {
        try {
            while (reading.get() && decided.size() < killOneAfter) Thread.sleep(10);
            if (!reading.get()) return;
            int n = decided.size();
            victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, the poll in hand is neither committed nor aborted
            long at = System.nanoTime();
            decidedAtKill.set(n);
            killedAt.set(at);
            say("Killed bench-worker-1 (pid " + victim.pid() + ") after " + n + " decisions");
            if (victim.waitFor(30, TimeUnit.SECONDS)) exit.set(victim.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process startWorker(Path jar, Path logs, String name, String bootstrap, String intakeTopic,
                                       String decisionTopic, String group) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + workerHeap, "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString(), "serve", "--worker", "--data-dir", logs.resolve(name + "-data").toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SMARTCUSTOMS_KAFKA_BOOTSTRAP", bootstrap);
        pb.environment().put("SMARTCUSTOMS_NODE", name);
        pb.environment().put("SMARTCUSTOMS_CLUSTER_INTAKE_TOPIC", intakeTopic);
        pb.environment().put("SMARTCUSTOMS_CLUSTER_DECISION_TOPIC", decisionTopic);
        pb.environment().put("SMARTCUSTOMS_CLUSTER_WORKER_GROUP", group);
        return pb.start();
    }

    private static void awaitReady(Process p, Path log, String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("SMART Customs worker " + name + " ready"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) throw new CliFailure("worker " + name + " did not start; see " + log, null);
            Thread.sleep(200);
        }
    }

    private static void read(String bootstrap, String topic, String run, Map<String, Integer> decided,
                             Map<String, Integer> byWorker, AtomicLong last, AtomicBoolean reading) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + run,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        JsonNode d = mapper.readTree(r.value());
                        decided.merge(d.get("declarationId").asText(), 1, Integer::sum);
                        byWorker.merge(d.path("worker").asText("?"), 1, Integer::sum);
                        last.set(System.nanoTime());
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable decision", e);
                    }
                }
            }
        }
    }

    private void say(String line) {
        if (!json) System.err.println(line);
    }
}
