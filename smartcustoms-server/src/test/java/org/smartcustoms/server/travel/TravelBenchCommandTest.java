package org.smartcustoms.server.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code bench travel} on a small scale, on a server it starts on an H2 database of its own: the flights are
 * screened, every scan is a real declaration's code scanned once (none refused, so none replayed or foreign), and the
 * JSON line ends with the gate's rate, p50, p99 and errors. Figures are not asserted.
 */
class TravelBenchCommandTest {

    @Test
    void screensTheFlightsScansEveryCodeOnceAndEndsWithTheJsonLine(@TempDir Path data) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new org.smartcustoms.server.cli.SmartCustomsCli()).execute("bench", "travel", "--data-dir", data.toString(),
                    "--persons", "2000", "--enforcement-persons", "3", "--rules", "5", "--passengers", "15", "--rate", "10",
                    "--duration", "1", "--warmup", "1", "--json");
        } finally {
            System.setOut(out);
        }
        assertThat(status).as(captured.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as("--json prints one JSON line").hasSize(1);
        JsonNode r = new ObjectMapper().readTree(lines.get(0));
        assertThat(r.get("watchlist_persons").asInt()).isEqualTo(2000);
        assertThat(r.get("enforcement_persons").asInt()).isEqualTo(3);
        assertThat(r.get("passenger_rules").asInt()).isEqualTo(5);
        assertThat(r.get("flights").asInt()).as("20 scans need two flights of 15").isEqualTo(2);
        assertThat(r.get("flight_screening_ms_each")).hasSize(2);
        assertThat(r.get("gate_requests").asInt()).as("measured, after the warm-up").isEqualTo(10);
        assertThat(r.get("gate_open").asInt() + r.get("gate_inspect").asInt()).as("every code answered OPEN or INSPECT").isEqualTo(20);
        assertThat(r.get("gate_refused").asInt()).isZero();
        assertThat(r.get("errors").asInt()).isZero();
        assertThat(r.get("gate_p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(r.get("gate_p99_ms").asDouble());
        List<String> keys = new java.util.ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(keys.size() - 4, keys.size())).containsExactly("gate_rate", "gate_p50_ms", "gate_p99_ms", "errors");
    }
}
