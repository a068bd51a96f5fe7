package org.smartcustoms.server.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.TestDatabases;

/**
 * A worker node in a JVM of its own: {@code SmartCustomsCli serve --worker} on this build's classpath (without the
 * test classes), its output in a log file, stopped with SIGKILL when asked (as a crash is) or when the test ends.
 */
final class WorkerProcess implements AutoCloseable {
    final String name;
    private final Process process;
    private final Path log;

    private WorkerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The environment of a worker on the test's Kafka broker and PostgreSQL schema (a small pool), with the cluster
     * properties the test's nodes share ({@code smartcustoms.cluster.intake-topic} → {@code SMARTCUSTOMS_CLUSTER_INTAKE_TOPIC}).
     */
    static Map<String, String> env(String dbUrl, String schema, Map<String, String> cluster) {
        Map<String, String> env = new HashMap<>();
        env.put("SMARTCUSTOMS_KAFKA_BOOTSTRAP", KafkaTestBroker.bootstrap());
        env.put("SMARTCUSTOMS_DB_URL", dbUrl);
        env.put("SMARTCUSTOMS_DB_USER", TestDatabases.pgUser());
        env.put("SMARTCUSTOMS_DB_PASSWORD", TestDatabases.pgPassword());
        env.put("SMARTCUSTOMS_DB_POOL_SIZE", "3"); // the whole suite shares one PostgreSQL
        env.put("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "1");
        env.put("SPRING_FLYWAY_SCHEMAS", schema);
        env.put("SPRING_FLYWAY_DEFAULT_SCHEMA", schema);
        cluster.forEach((property, value) -> {
            if (!property.startsWith("smartcustoms.cluster.")) throw new IllegalArgumentException("not a cluster property: " + property);
            env.put(property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), value);
        });
        return env;
    }

    /** Starts a worker named {@code name} with these environment variables (bootstrap, database, topics). */
    static WorkerProcess start(String name, Map<String, String> env, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED",
                "-cp", classpath, "org.smartcustoms.server.cli.SmartCustomsCli", "serve", "--worker",
                "--data-dir", dir.resolve(name + "-data").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SMARTCUSTOMS_NODE", name);
        return new WorkerProcess(name, pb.start(), log);
    }

    /** Waits for the worker's ready line; fails with its log when it exits or takes longer than {@code limit}. */
    void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output().contains("SMART Customs worker " + name + " ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("worker " + name + " did not start:\n" + output());
            }
            Thread.sleep(200);
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL, as a crash: no shutdown hook, no commit of the poll in hand. Returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Freezes the worker (SIGSTOP), as a stalled machine: it decides nothing until {@link #resume()}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a paused worker go on (SIGCONT). */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
