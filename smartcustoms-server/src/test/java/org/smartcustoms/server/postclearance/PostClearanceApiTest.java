package org.smartcustoms.server.postclearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Post-clearance ranking on a small world: cotton T-shirts from BD normally declared at 25 USD/kg; four released
 * declarations below that norm with different risk, three with a stored tariff assessment, one without.
 */
@OnH2
@ApiTest
class PostClearanceApiTest extends ApiTestSupport {
    static String a, b, c, d;
    String auditor;

    @BeforeEach
    void world() {
        auditor = TestUsers.token(users, Role.AUDITOR, null);
        if (a != null) return;
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        LocalDate day = LocalDate.now().minusDays(3);
        for (int i = 0; i < 6; i++) fx.released(fx.declare("GB000000000010", "TPCA", day, "610910", "BD", "2500", "100"), 10, "GREEN");
        a = fx.declare("GB00000000000A", "TPCA", day, "610910", "BD", "500", "100");     // 5 USD/kg, p 0.8
        b = fx.declare("GB00000000000B", "TPCA", day, "610910", "BD", "1000", "100");    // 10 USD/kg, p 0.5
        c = fx.declare("GB00000000000B", "TPCA", day, "610910", "BD", "1200", "100");    // 12 USD/kg, p 0.9
        d = fx.declare("GB00000000000D", "TPCA", day, "610910", "BD", "1000", "100");    // 10 USD/kg, no usable assessment, p 0.1
        fx.released(a, 80, "GREEN");
        fx.released(b, 50, "GREEN");
        fx.released(c, 90, "YELLOW");
        fx.released(d, 10, "GREEN");
        // assessments as the tariff step stores them (set here so the figures do not depend on the demo tariff)
        assessed(a, "50.00");
        assessed(b, "100.00");
        assessed(c, "120.00");
        intake.store().saveAssessment(d, WorkspaceFixtures.assessment("{\"complete\": false, \"items\": [], \"errors\": []}"));
        // not released: counts for the norm, never listed
        fx.underControl(fx.declare("GB00000000000E", "TPCA", day, "610910", "BD", "300", "100"), 99, "RED", List.of());
    }

    private void assessed(String id, String total) {
        intake.store().saveAssessment(id, WorkspaceFixtures.assessment("{\"complete\": true, \"currency\": \"EUR\", \"total\": {\"amount\": " + total
                + ", \"currency\": \"EUR\"}, \"items\": [{\"sequence\": 1, \"total\": {\"amount\": " + total + ", \"currency\": \"EUR\"}}]}"));
    }

    @Test
    void declarationsRankedByExpectedRevenueAtRiskWithReasons() {
        ApiClient.Response r = api.get("/api/v1/post-clearance/declarations?limit=100", auditor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode rows = r.json();
        // median 25 USD/kg; missing value fraction x assessed duty+tax x probability:
        // A: 50 EUR x (25/5 - 1) = 200 x 0.8 = 160; C: 120 x (25/12 - 1) = 130 x 0.9 = 117; B: 100 x 1.5 = 150 x 0.5 = 75;
        // D (no assessment total): missing value (25-10) x 100 kg x 8% = 120 USD x 0.1 = 12
        assertThat(rows.findValuesAsText("id")).containsExactly(a, c, b, d);
        JsonNode top = rows.get(0);
        assertThat(top.get("potentialShortfall").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(top.get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("160.00");
        assertThat(top.get("currency").asText()).isEqualTo("EUR");
        assertThat(top.get("reasons").get(0).asText()).startsWith("Declared 5.00 USD/kg vs median 25.00 USD/kg for HS 610910 from BD")
                .contains("assessed duty and tax 50.00 EUR");
        assertThat(rows.get(1).get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("117.00");
        JsonNode last = rows.get(3);
        assertThat(last.get("potentialShortfall").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(last.get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(last.get("currency").asText()).isEqualTo("USD");
        assertThat(last.get("reasons").get(0).asText()).contains("an assumed 8% duty and tax");

        assertThat(api.get("/api/v1/post-clearance/declarations?limit=2", auditor).json().findValuesAsText("id")).containsExactly(a, c);
        assertThat(api.get("/api/v1/post-clearance/declarations?limit=0", auditor).status()).isEqualTo(400);
    }

    @Test
    void companiesRankedBySummedRisk() {
        JsonNode rows = api.get("/api/v1/post-clearance/companies", auditor).json();
        assertThat(rows.findValuesAsText("importerId")).containsExactly("GB00000000000B", "GB00000000000A", "GB00000000000D");
        JsonNode first = rows.get(0);
        assertThat(first.get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("192.00");
        assertThat(first.get("flagged").asInt()).isEqualTo(2);
        assertThat(first.get("declarations").asInt()).isEqualTo(2);
        assertThat(first.get("reasons").get(0).asText()).isEqualTo("2 of 2 released declarations priced below the HS6 x origin median");
    }

    @Test
    void csvExportWithHeader() throws Exception {
        ApiClient.Response r = api.get("/api/v1/post-clearance/declarations?format=csv", auditor);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,lrn,importer,status,riskScore,probability,potentialShortfall,expectedRevenueAtRisk,currency,reasons");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).startsWith(a + ",").contains(",GB00000000000A,RELEASED,80,0.8,200.00,160.00,EUR,");

        HttpResponse<String> viaAccept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/post-clearance/companies"))
                .header("Authorization", "Bearer " + auditor).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaAccept.statusCode()).isEqualTo(200);
        assertThat(viaAccept.headers().firstValue("Content-Disposition").orElse("")).contains("post-clearance-companies.csv");
        assertThat(viaAccept.body()).startsWith("importer,declarations,flagged,potentialShortfall,expectedRevenueAtRisk,currency,reasons\r\nGB00000000000B,2,2,");
    }
}
