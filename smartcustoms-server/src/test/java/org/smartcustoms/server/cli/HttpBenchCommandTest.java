package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code bench http --url} against the running test server: it sends the scheduled number of single submissions, each
 * stored as a new declaration, and ends with the JSON line (rate, p50_ms, p99_ms, errors). Figures are not asserted.
 */
@ApiTest
@OnH2
class HttpBenchCommandTest extends ApiTestSupport {

    @Test
    void sendsTheScheduledSubmissionsAndEndsWithTheJsonLine() throws Exception {
        Long before = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE lrn LIKE 'H%-%'", Long.class);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new SmartCustomsCli()).execute("bench", "http", "--url", "http://127.0.0.1:" + port,
                    "--token", ADMIN, "--rate", "20", "--duration", "1", "--warmup", "1", "--connections", "4", "--json");
        } finally {
            System.setOut(out);
        }
        assertThat(status).isZero();
        // (the test server logs to the same standard output)
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as("--json prints one JSON line").hasSize(1);
        JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(result.get("rate").asInt()).isEqualTo(20);
        assertThat(result.get("requests").asInt()).as("measured, after the warm-up").isEqualTo(20);
        assertThat(result.get("errors").asInt()).isZero();
        assertThat(result.get("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(result.get("p99_ms").asDouble());
        List<String> keys = new java.util.ArrayList<>();
        result.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(keys.size() - 4, keys.size())).containsExactly("rate", "p50_ms", "p99_ms", "errors");
        Long after = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE lrn LIKE 'H%-%'", Long.class);
        assertThat(after - before).as("every submission, warm-up included, is a new declaration").isEqualTo(40);
    }
}
