package org.smartcustoms.server.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
