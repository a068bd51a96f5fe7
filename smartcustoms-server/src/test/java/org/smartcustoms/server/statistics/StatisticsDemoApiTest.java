package org.smartcustoms.server.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.statistics.PublicationAudit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo world's published tables (same context as {@code DemoWorldApiTest}): the attacker audit finds no
 * narrowable cell, no published sensitive cell, and the public tables hide every suppressed figure.
 */
@OnH2
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"smartcustoms.demo.enabled=true", "smartcustoms.demo.declarations=500", "smartcustoms.demo.model-rounds=30",
                "smartcustoms.retrain.rounds=30", "smartcustoms.demo.target-red-rate=0.04", "smartcustoms.demo.target-yellow-rate=0.10"})
class StatisticsDemoApiTest extends ApiTestSupport {
    @Autowired
    StatisticsService statistics;

    @Test
    void attackerAuditFindsNoNarrowableCellInTheDemoTables() {
        List<StatisticsStore.StatTable> published = statistics.published();
        assertThat(published).hasSizeGreaterThanOrEqualTo(3);
        int suppressed = 0, intervals = 0;
        for (StatisticsStore.StatTable t : published) {
            PublicationAudit.Report r = statistics.audit(t);
            System.out.printf("audit %s: %d cells, %d suppressed, %d intervals, %d findings, %d ms%n", t.name(), r.cells(),
                    r.suppressed(), r.intervals(), r.findings().size(), r.millis());
            assertThat(r.findings()).as(t.name()).isEmpty();
            suppressed += r.suppressed();
            intervals += r.intervals();
        }
        // the demo tables do have sensitive cells, so the audit had something to attack
        assertThat(suppressed).isGreaterThan(0);
        assertThat(intervals).isGreaterThan(0);
    }

    @Test
    void publishedDemoTablesHideSuppressedFiguresAndTotalsAreExact() {
        for (StatisticsStore.StatTable t : statistics.published()) {
            ApiClient.Response r = api.get("/api/v1/statistics/tables/" + t.id(), null);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            long interior = 0;
            Long grand = null;
            boolean allInteriorPublished = true;
            for (JsonNode c : r.json().get("cells")) {
                boolean total = false;
                for (JsonNode k : c.get("key")) total |= k.asText().equals("*");
                boolean isGrand = true;
                for (JsonNode k : c.get("key")) isGrand &= k.asText().equals("*");
                if (c.get("suppressed").asBoolean()) {
                    assertThat(c.get("value").isNull()).isTrue();
                    if (!total) allInteriorPublished = false;
                } else if (!total) {
                    interior += c.get("value").asLong();
                }
                if (isGrand && !c.get("suppressed").asBoolean()) grand = c.get("value").asLong();
            }
            long truth = statistics.truth(t.spec()).cell(statistics.truth(t.spec()).grandTotal()).value();
            if (grand != null) assertThat(grand).isEqualTo(truth);
            if (allInteriorPublished) assertThat(interior).isEqualTo(truth);
        }
    }
}
