package org.smartcustoms.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.security.Role;

/**
 * The service's own meters at {@code /actuator/prometheus}: submissions counted by outcome with latency histograms,
 * risk decisions per channel with the scoring time, the worklist depth read from the database and the connection
 * pool; administrators only. Counters are global in the shared context, so the test compares a scrape before with one
 * after its own submissions (API test classes run one after another).
 */
@ApiTest
@OnH2
// as OperationsApiTest (and in the same context): Spring Boot tests switch the Prometheus exporter off unless asked
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class OperationsMetricsApiTest extends ApiTestSupport {

    private String declaration(String description) throws Exception {
        return declaration(description, "LRN-M-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private String declaration(String description, String lrn) throws Exception {
        return new String(getClass().getResourceAsStream("/declaration-import.json").readAllBytes())
                .replace("LRN-TEST-0001", lrn)
                .replace("Cotton T-shirts, knitted", description);
    }

    @Test
    void submissionsDecisionsQueuesAndPoolAreScraped() throws Exception {
        String admin = token(Role.ADMIN, null);
        String analyst = token(Role.ANALYST, null);
        String trader = token(Role.TRADER, "GB123456789000");
        String marker = "Metered-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response rule = api.post("/api/v1/rules", analyst, JSON, """
                {"name": "Metered description", "expression": "description.contains('%s')", "threat": "PROHIBITED",
                 "weight": 95, "scope": {"hsPrefix": "6109"}}""".formatted(marker));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

        Scrape before = scrape(admin);

        ApiClient.Response red = api.post("/api/v1/declarations", trader, JSON, declaration("T-shirts " + marker));
        assertThat(red.status()).as(red.toString()).isEqualTo(201);
        assertThat(red.json().get("channel").asText()).isEqualTo("RED");
        String lrn = "LRN-M-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response plain = api.post("/api/v1/declarations", trader, JSON, declaration("Plain cotton T-shirts", lrn));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
        String plainChannel = plain.json().get("channel").asText();
        ApiClient.Response again = api.post("/api/v1/declarations", trader, JSON, declaration("Plain cotton T-shirts", lrn));
        assertThat(again.status()).as("same LRN again: the stored one").isEqualTo(200);
        ApiClient.Response invalid = api.post("/api/v1/declarations", trader, JSON, "{\"lrn\": \"x\"}");
        assertThat(invalid.status()).as(invalid.toString()).isBetween(400, 422);
        ApiClient.Response officer = api.post("/api/v1/declarations", token(Role.OFFICER, null), JSON, declaration("Plain cotton T-shirts"));
        assertThat(officer.status()).isEqualTo(403);

        Scrape after = scrape(admin);
        // submissions by outcome, with their latency histograms
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_count", "outcome", "created")).isEqualTo(2);
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_count", "outcome", "existing")).isEqualTo(1);
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_count", "outcome", "rejected")).isEqualTo(1);
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_count", "outcome", "refused")).isEqualTo(1);
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_count", "outcome", "error")).isZero();
        assertThat(after.value("smartcustoms_intake_submissions_seconds_sum", "outcome", "created"))
                .isGreaterThan(before.value("smartcustoms_intake_submissions_seconds_sum", "outcome", "created"));
        assertThat(after.text).contains("smartcustoms_intake_submissions_seconds_bucket{outcome=\"created\",le=\"+Inf\"}");
        assertThat(after.delta(before, "smartcustoms_intake_submissions_seconds_bucket", "outcome", "created", "le", "+Inf")).isEqualTo(2);
        assertThat(after.delta(before, "smartcustoms_declarations_total", "outcome", "accepted", "path", "single")).isEqualTo(3);
        assertThat(after.delta(before, "smartcustoms_declarations_total", "outcome", "rejected", "path", "single")).isEqualTo(1);
        assertThat(after.delta(before, "smartcustoms_declarations_total", "outcome", "accepted", "path", "batch")).isZero();

        // risk: one decision per new declaration (the re-submission is not scored again), each timed
        Map<String, Double> expected = new HashMap<>(Map.of("GREEN", 0.0, "YELLOW", 0.0, "RED", 1.0));
        expected.merge(plainChannel, 1.0, Double::sum);
        expected.forEach((channel, n) ->
                assertThat(after.delta(before, "smartcustoms_risk_decisions_total", "channel", channel)).as(channel).isEqualTo(n));
        assertThat(after.delta(before, "smartcustoms_risk_scoring_seconds_count")).isEqualTo(2);
        assertThat(after.text).contains("smartcustoms_risk_scoring_seconds_bucket{le=");

        // queue depths are what the database holds now
        for (String channel : new String[] {"GREEN", "YELLOW", "RED"}) {
            Long underControl = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE status = 'UNDER_CONTROL' AND risk_channel = ?",
                    Long.class, channel);
            assertThat(after.value("smartcustoms_worklist_declarations", "channel", channel)).as(channel).isEqualTo(underControl.doubleValue());
        }
        assertThat(after.value("smartcustoms_worklist_declarations", "channel", "RED")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("smartcustoms_declarations_unrouted")).isZero();

        // the connection pool (Hikari)
        assertThat(after.text).containsPattern("(?m)^hikaricp_connections_active\\{pool=\"[^\"]+\"} ");
        assertThat(after.text).containsPattern("(?m)^hikaricp_connections_max\\{pool=\"[^\"]+\"} ");
        assertThat(after.text).containsPattern("(?m)^hikaricp_connections_acquire_seconds_count\\{pool=\"[^\"]+\"} ");

        for (Role role : new Role[] {Role.TRADER, Role.OFFICER, Role.ANALYST, Role.AUDITOR}) {
            ApiClient.Response r = api.get("/actuator/prometheus", token(role, role == Role.TRADER ? "GB123456789000" : null));
            assertThat(r.status()).as(role.name()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("smartcustoms_");
        }
    }

    private Scrape scrape(String admin) {
        ApiClient.Response r = api.get("/actuator/prometheus", admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Scrape(r.body());
    }

    /** A Prometheus text exposition; a sample absent from it counts as 0. */
    private record Scrape(String text) {
        double value(String name, String... labels) {
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) continue;
                int sp = line.lastIndexOf(' ');
                String series = line.substring(0, sp);
                String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
                if (!metric.equals(name)) continue;
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= series.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (all) return Double.parseDouble(line.substring(sp + 1));
            }
            return 0;
        }

        double delta(Scrape before, String name, String... labels) {
            return value(name, labels) - before.value(name, labels);
        }
    }
}
