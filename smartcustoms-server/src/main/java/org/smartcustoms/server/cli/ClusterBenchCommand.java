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
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
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
 * decision read back from the decisions topic (committed transactions only).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Cluster mode: decisions per second with N worker processes on Kafka (SMARTCUSTOMS_KAFKA_BOOTSTRAP, e.g. bin/kafka start)",
                "and PostgreSQL (SMARTCUSTOMS_DB_URL), which the workers share. Fresh topics per run.",
                "Last line: {\"bench\": \"cluster\", \"workers\": n, \"declarations\": N, \"decisions_per_s\": r, ...}"})
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
            AtomicBoolean reading = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong lastDecision = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = new Thread(() -> read(bootstrap, decisionTopic, run, decided, lastDecision, reading), "bench-decisions");
            try {
                for (int i = 1; i <= workers; i++) procs.add(startWorker(jar, logs, "bench-worker-" + i, bootstrap, intakeTopic, decisionTopic, group));
                for (int i = 1; i <= workers; i++) awaitReady(procs.get(i - 1), logs.resolve("bench-worker-" + i + ".log"), "bench-worker-" + i);
                reader.start();

                say("Submitting...");
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                ObjectMapper mapper = new ObjectMapper();
                long start = System.nanoTime();
                int queued = 0;
                for (int from = 0; from < bodies.size(); from += batch) {
                    String body = "[" + String.join(",", bodies.subList(from, Math.min(bodies.size(), from + batch))) + "]";
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/declarations/batch"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) throw new CliFailure("batch refused: " + r.statusCode() + " " + r.body(), null);
                    JsonNode answer = mapper.readTree(r.body());
                    queued += answer.get("queued").asInt();
                }
                long submitted = System.nanoTime();
                say(queued + " queued in " + String.format(Locale.ROOT, "%.1f", (submitted - start) / 1e9) + " s; waiting for the decisions...");
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                while (decided.size() < queued) {
                    if (System.nanoTime() > deadline) throw new CliFailure("not every declaration was decided in 30 minutes", null);
                    for (int i = 0; i < procs.size(); i++) {
                        if (!procs.get(i).isAlive()) throw new CliFailure("worker bench-worker-" + (i + 1) + " exited; see " + logs, null);
                    }
                    Thread.sleep(50);
                }
                double seconds = (lastDecision.get() - start) / 1e9;
                long duplicates = decided.values().stream().filter(c -> c > 1).count();
                String line = String.format(Locale.ROOT, "{\"bench\": \"cluster\", \"workers\": %d, \"declarations\": %d, \"partitions\": %d, "
                                + "\"db\": \"%s\", \"submit_s\": %.2f, \"decide_s\": %.2f, \"decisions_per_s\": %.1f, \"duplicate_decisions\": %d, \"cores\": %d}",
                        workers, queued, partitions, ServerOptions.database(ctx), (submitted - start) / 1e9, seconds, queued / seconds,
                        duplicates, Runtime.getRuntime().availableProcessors());
                System.out.println(line);
                return 0;
            } finally {
                reading.set(false);
                for (Process p : procs) p.destroy(); // SIGTERM: the poll in hand is committed
                for (Process p : procs) {
                    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
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
            out.add(body.replace(lrn, "\"lrn\":\"C" + run.toUpperCase(Locale.ROOT) + "-" + i++ + "\""));
        }
        return out;
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
                             java.util.concurrent.atomic.AtomicLong last, AtomicBoolean reading) {
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
                        decided.merge(mapper.readTree(r.value()).get("declarationId").asText(), 1, Integer::sum);
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
