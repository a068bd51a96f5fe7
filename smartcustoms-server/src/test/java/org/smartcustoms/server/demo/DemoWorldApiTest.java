package org.smartcustoms.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo world as the quick start shows it: a year of Demo Customs history replayed through intake and the
 * inspection service at simulated times, so that the dashboard, the post-clearance ranking and retraining have
 * real figures; users get working credentials; the audit chain holds.
 */
@OnH2
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"smartcustoms.demo.enabled=true", "smartcustoms.demo.declarations=500", "smartcustoms.demo.model-rounds=30",
                "smartcustoms.retrain.rounds=30", "smartcustoms.demo.target-red-rate=0.04", "smartcustoms.demo.target-yellow-rate=0.10"})
class DemoWorldApiTest extends ApiTestSupport {
    /** The fresh data directory {@link OnH2} gives the context; the demo writes its credentials there. */
    @Value("${smartcustoms.data-dir}")
    Path dataDir;

    static Map<String, String> tokens = new HashMap<>();

    void readCredentials() throws IOException {
        if (!tokens.isEmpty()) return;
        for (String line : Files.readAllLines(dataDir.resolve("demo-credentials.txt"))) {
            if (line.startsWith("#")) continue;
            String user = line.split("\\s+")[0];
            String token = line.replaceAll(".*token=(\\S+).*", "$1");
            tokens.put(user, token);
        }
    }

    JsonNode dashboardOfTheYear() throws IOException {
        readCredentials();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ApiClient.Response r = api.get("/api/v1/dashboard?from=" + today.minusDays(366) + "&to=" + today, tokens.get("officer"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void dashboardShowsAYearOfDeclarationsWithWeeklyPattern() throws IOException {
        JsonNode d = dashboardOfTheYear();
        Map<YearMonth, Long> perMonth = new TreeMap<>();
        long weekdays = 0, sundays = 0;
        for (JsonNode day : d.get("perDay")) {
            LocalDate date = LocalDate.parse(day.get("date").asText());
            long n = day.get("count").asLong();
            if (n > 0) perMonth.merge(YearMonth.from(date), n, Long::sum);
            if (date.getDayOfWeek().getValue() <= 5) weekdays += n;
            if (date.getDayOfWeek().getValue() == 7) sundays += n;
        }
        assertThat(perMonth.keySet()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(perMonth.values().stream().mapToLong(Long::longValue).sum()).isBetween(400L, 600L);
        assertThat(weekdays / 5.0).isGreaterThan(3.0 * sundays);
    }

    @Test
    void controlsWereInspectedWithOutcomesRecoveredDutyAndReleaseTimesByChannel() throws IOException {
        JsonNode d = dashboardOfTheYear();
        long inspected = 0, irregular = 0;
        for (JsonNode h : d.get("hitRatePerChannel")) {
            inspected += h.get("inspected").asLong();
            irregular += h.get("irregular").asLong();
        }
        assertThat(inspected).isPositive();
        assertThat(irregular).isPositive().isLessThan(inspected);
        // the planned capacity (4% physical + 10% documentary, plus holds and random checks): a believable share
        long declarations = 0;
        for (JsonNode day : d.get("perDay")) declarations += day.get("count").asLong();
        assertThat((double) inspected / declarations).as(inspected + " of " + declarations + " inspected").isBetween(0.05, 0.30);
        assertThat(d.get("revenueRecovered").get("currency").asText()).isEqualTo("JPY");
        assertThat(d.get("revenueRecovered").get("amount").decimalValue()).isPositive();
        JsonNode rt = d.get("releaseTimePerChannel");
        double green = rt.get("GREEN").get("medianHours").asDouble();
        assertThat(green).isGreaterThan(0).isLessThan(1); // minutes
        if (rt.get("YELLOW").get("count").asLong() > 0) {
            assertThat(rt.get("YELLOW").get("medianHours").asDouble()).isBetween(0.5, 8.0); // hours
        }
        if (rt.get("RED").get("count").asLong() > 0) {
            assertThat(rt.get("RED").get("medianHours").asDouble()).isGreaterThanOrEqualTo(18.0); // a day or more
        }
    }

    @Test
    void inspectionResultsAndStatusHistoryCarryTheirSimulatedTimes() throws IOException {
        readCredentials();
        Instant monthsAgo = Instant.now().minusSeconds(90L * 86400); // the test may read the system time; the server may not
        long oldResults = jdbc.queryForObject("SELECT COUNT(*) FROM inspection_result WHERE recorded_at < ?", Long.class,
                java.sql.Timestamp.from(monthsAgo));
        assertThat(oldResults).isPositive();
        auditLog.chainPending();
        long oldAudit = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'RESULT_RECORDED' AND at < ?", Long.class,
                java.sql.Timestamp.from(monthsAgo));
        assertThat(oldAudit).isPositive();
        JsonNode verify = api.get("/api/v1/audit/verify", tokens.get("auditor")).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    @Test
    void demoCustomsIsOneCountry() throws IOException {
        readCredentials();
        Set<String> currencies = jdbc.queryForList("SELECT DISTINCT currency FROM inspection_result WHERE currency IS NOT NULL", String.class)
                .stream().collect(Collectors.toSet());
        assertThat(currencies).containsExactly("JPY");
        JsonNode list = api.get("/api/v1/declarations?limit=200", tokens.get("officer")).json();
        assertThat(list.toString()).doesNotContain("KRW\"").doesNotContain("\"GB0");
        assertThat(list.findValuesAsText("office")).isNotEmpty().allSatisfy(o -> assertThat(o).startsWith("JP"));
    }

    @Test
    void postClearanceRankingIsNotEmptyAndRetrainingLearnsFromTheInspections() throws IOException {
        readCredentials();
        ApiClient.Response ranking = api.get("/api/v1/post-clearance/companies?limit=10", tokens.get("auditor"));
        assertThat(ranking.status()).as(ranking.toString()).isEqualTo(200);
        assertThat(ranking.json()).isNotEmpty();
        long corrections = jdbc.queryForObject("SELECT COUNT(*) FROM post_clearance_correction", Long.class);
        assertThat(corrections).isPositive();
        ApiClient.Response retrain = api.post("/api/v1/models/retrain", tokens.get("admin"), JSON, "");
        assertThat(retrain.status()).as(retrain.toString()).isEqualTo(201);
    }
}
