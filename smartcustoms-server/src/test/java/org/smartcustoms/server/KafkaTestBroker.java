package org.smartcustoms.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The real Apache Kafka broker (KRaft, one combined broker + controller node) for the tests tagged {@code kafka}:
 * started once per test JVM with the same script users run ({@code bin/kafka start}), on a fresh data directory under
 * {@code smartcustoms-server/target}, stopped when the JVM exits. Ports: {@code SMARTCUSTOMS_TEST_KAFKA_PORT} (client
 * port; the controller takes the next one), else two free ports. Locally a broker that cannot start skips the test;
 * under {@code CI=true} it fails it.
 */
public final class KafkaTestBroker {
    private static String bootstrap;
    private static String failure;
    private static Path dataDir;
    private static int brokerPort;

    private KafkaTestBroker() { }

    /** The bootstrap servers of the test broker, starting it on first use. */
    public static synchronized String bootstrap() {
        if (bootstrap == null && failure == null) {
            try {
                bootstrap = start();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted while starting Kafka";
            }
        }
        if (bootstrap == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("Apache Kafka is required under CI=true but did not start: " + failure);
            }
            Assumptions.abort("Apache Kafka did not start: " + failure);
        }
        return bootstrap;
    }

    /**
     * Stops the test broker ({@code bin/kafka stop}: TERM, a clean shutdown) keeping its data directory, for a test of
     * what clients do while it is down; {@link #startAgain()} brings it back on the same port with the same data.
     */
    public static synchronized void stop() throws IOException, InterruptedException {
        bootstrap();
        run(dataDir, brokerPort, "stop");
    }

    /** Starts the broker stopped by {@link #stop()} again ({@code bin/kafka start}, same data and port; waits until ready). */
    public static synchronized void startAgain() throws IOException, InterruptedException {
        bootstrap();
        run(dataDir, brokerPort, "start");
    }

    /** The project's root directory (where bin/kafka is). */
    public static Path projectDir() {
        String dir = System.getProperty("smartcustoms.project.dir");
        Path root = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    private static String start() throws IOException, InterruptedException {
        int port = port();
        Path data = projectDir().resolve("smartcustoms-server/target/kafka-test-" + port);
        // a broker left over by a test JVM that was killed: stop it, then start from an empty directory
        run(data, port, "stop");
        deleteTree(data);
        run(data, port, "start");
        dataDir = data;
        brokerPort = port;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(data, port, "stop");
            } catch (IOException | InterruptedException | RuntimeException ignored) {
                // the JVM is exiting; the next start stops a leftover broker
            }
        }, "kafka-test-broker-stop"));
        return "localhost:" + port;
    }

    /**
     * A separate {@code bin/kafka start --brokers 3} quorum on six free ports for a test that stops or kills nodes;
     * the caller closes it. Fails under CI=true, skips locally, when it cannot start.
     */
    public static Quorum startQuorum() {
        try {
            int port = freeRun(6);
            Path data = projectDir().resolve("smartcustoms-server/target/kafka-quorum-" + port);
            run(data, port, "stop");
            deleteTree(data);
            run(data, port, "start", "--brokers", "3");
            return new Quorum(data, port);
        } catch (IOException | RuntimeException e) {
            return unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private static Quorum unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("a 3-node Kafka quorum is required under CI=true but did not start: " + why);
        }
        Assumptions.abort("a 3-node Kafka quorum did not start: " + why);
        return null;
    }

    /** A 3-node quorum started by {@link #startQuorum()}: node i serves clients on port + i - 1. */
    public record Quorum(Path data, int port) implements AutoCloseable {
        public String bootstrap() {
            return "localhost:" + port + ",localhost:" + (port + 1) + ",localhost:" + (port + 2);
        }

        /** The process id bin/kafka recorded for node {@code i} (1..3). */
        public long pid(int node) throws IOException {
            return Long.parseLong(Files.readString(data.resolve("node-" + node + "/pid")).strip());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run(data, port, "stop");
        }
    }

    private static void run(Path data, int port, String... command) throws IOException, InterruptedException {
        Path script = projectDir().resolve("bin/kafka");
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SMARTCUSTOMS_KAFKA_PORT", Integer.toString(port));
        pb.environment().put("SMARTCUSTOMS_KAFKA_DATA", data.toString());
        pb.environment().put("SMARTCUSTOMS_KAFKA_PARTITIONS", "6");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/kafka " + String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/kafka " + String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
    }

    private static int port() throws IOException {
        String fixed = System.getenv("SMARTCUSTOMS_TEST_KAFKA_PORT");
        if (fixed != null && !fixed.isBlank()) {
            return Integer.parseInt(fixed.strip());
        }
        return freeRun(2);
    }

    /** The first of {@code n} consecutive free loopback ports. */
    private static int freeRun(int n) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            boolean all = p + n - 1 <= 65535;
            for (int i = 1; i < n && all; i++) all = free(p + i);
            if (all) {
                return p;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports for Kafka");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
