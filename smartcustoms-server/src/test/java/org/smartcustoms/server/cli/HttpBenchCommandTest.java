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
                    "--token", ADMIN, "--rate", "20", "--duration", "1", "--warmup", "1", "--warmup-from", "20", "--connections", "4", "--json");
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

    @Test
    void theWarmUpRampRisesToTheRateAndTheMeasuredPartKeepsItExactly() {
        long[] s = HttpBenchCommand.schedule(50, 500, 10, 3);
        // a linear ramp from 50/s to 500/s over 10 s sends about (50 + 500) / 2 x 10 requests
        int warm = s.length - 1500;
        assertThat(warm).isBetween(2700, 2800);
        for (int i = 1; i < s.length; i++) assertThat(s[i]).as("due times only move forward").isGreaterThan(s[i - 1]);
        assertThat(s[warm]).as("measuring starts when the ramp ends").isBetween(9_990_000_000L, 10_010_000_000L);
        assertThat(s[warm + 1] - s[warm]).as("then one request every 2 ms").isBetween(1_999_000L, 2_001_000L);
        assertThat(s[s.length - 1] - s[warm]).isBetween(2_997_000_000L, 2_999_000_000L);
        assertThat(HttpBenchCommand.schedule(20, 20, 1, 1)).as("no ramp: the fixed rate throughout").hasSize(40);
        // the first gaps of the ramp are about 1/50 s, the last about 1/500 s
        assertThat(s[1] - s[0]).isBetween(19_000_000L, 20_100_000L);
        assertThat(s[warm - 1] - s[warm - 2]).isBetween(1_990_000L, 2_100_000L);
    }

    @Test
    void aWarmUpLongerThanItsRampHoldsTheRateUntilMeasuring() {
        long[] s = HttpBenchCommand.schedule(50, 500, 10, 30, 3);
        // the ramp's ~2,750 requests over 10 s, then 20 s at 500/s (10,000), then 3 s measured (1,500)
        int warm = s.length - 1500;
        assertThat(warm).isBetween(12_740, 12_760);
        for (int i = 1; i < s.length; i++) assertThat(s[i]).as("due times only move forward").isGreaterThan(s[i - 1]);
        int rampEnd = 0;
        while (s[rampEnd] < 10_000_000_000L) rampEnd++;
        assertThat(rampEnd).isBetween(2700, 2800);
        assertThat(s[rampEnd + 1] - s[rampEnd]).as("from the ramp's end one request every 2 ms").isBetween(1_999_000L, 2_001_000L);
        assertThat(s[warm - 1] - s[warm - 2]).isBetween(1_999_000L, 2_001_000L);
        assertThat(s[warm]).as("measuring starts when the warm-up ends").isBetween(29_990_000_000L, 30_010_000_000L);
        assertThat(s[s.length - 1] - s[warm]).isBetween(2_997_000_000L, 2_999_000_000L);
        assertThat(HttpBenchCommand.schedule(50, 500, 10, 10, 3)).as("a ramp as long as the warm-up: as before")
                .containsExactly(HttpBenchCommand.schedule(50, 500, 10, 3));
        assertThat(HttpBenchCommand.schedule(50, 500, 0, 2, 1)).as("no ramp: the fixed rate throughout").hasSize(1500);
    }
}
