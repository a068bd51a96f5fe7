package org.smartcustoms.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(data, port, "stop");
            } catch (IOException | InterruptedException | RuntimeException ignored) {
                // the JVM is exiting; the next start stops a leftover broker
            }
        }, "kafka-test-broker-stop"));
        return "localhost:" + port;
    }

    private static void run(Path data, int port, String command) throws IOException, InterruptedException {
        Path script = projectDir().resolve("bin/kafka");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true);
        pb.environment().put("SMARTCUSTOMS_KAFKA_PORT", Integer.toString(port));
        pb.environment().put("SMARTCUSTOMS_KAFKA_DATA", data.toString());
        pb.environment().put("SMARTCUSTOMS_KAFKA_PARTITIONS", "6");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/kafka " + command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/kafka " + command + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
    }

    private static int port() throws IOException {
        String fixed = System.getenv("SMARTCUSTOMS_TEST_KAFKA_PORT");
        if (fixed != null && !fixed.isBlank()) {
            return Integer.parseInt(fixed.strip());
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p < 65535 && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no two consecutive free ports for Kafka");
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
