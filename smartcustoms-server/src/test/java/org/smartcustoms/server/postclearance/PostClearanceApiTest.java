package org.smartcustoms.server.postclearance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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
 * Post-clearance ranking on a small world: cotton T-shirts from Iceland (an origin no other test declares, so the
 * norm is this world's alone in the shared database) declared at 25 (national currency) per kg the day before; four
 * released declarations below that norm with different risk, three with a stored tariff assessment, one without. The
 * importers are new for every run, and the rankings (which cover the whole database) are read for them.
 */
@OnH2
@ApiTest
class PostClearanceApiTest extends ApiTestSupport {
    static final String ORIGIN = "IS";
    static final String IMPORTER_A = importer(), IMPORTER_B = importer(), IMPORTER_D = importer();
    static final Set<String> IMPORTERS = Set.of(IMPORTER_A, IMPORTER_B, IMPORTER_D);
    /** Larger than the number of flagged declarations in the shared database, so that every one of ours is listed. */
    static final int ALL = 10_000;
    static String a, b, c, d;
    static String nat;
    String auditor;
    @Autowired
    org.smartcustoms.server.tariff.PriceNormService norms;

    static String importer() {
        return "GB" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /** The rows of this world's importers, in the order of the whole ranking. */
    static List<JsonNode> ours(JsonNode rows, String importerField) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : rows) if (IMPORTERS.contains(n.get(importerField).asText())) out.add(n);
        return out;
    }

    @BeforeEach
    void world() {
        auditor = TestUsers.token(users, Role.AUDITOR, null);
        if (a != null) return;
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        nat = norms.rates().nationalCurrency();
        LocalDate before = LocalDate.of(2021, 3, 1);
        LocalDate day = before.plusDays(1);
        for (int i = 0; i < 6; i++) fx.released(fx.declare(importer(), "TPCA", before, "610910", ORIGIN, "2500", nat, "100"), 10, "GREEN");
        a = fx.declare(IMPORTER_A, "TPCA", day, "610910", ORIGIN, "500", nat, "100");     // 5/kg, p 0.8
        b = fx.declare(IMPORTER_B, "TPCA", day, "610910", ORIGIN, "1000", nat, "100");    // 10/kg, p 0.5
        c = fx.declare(IMPORTER_B, "TPCA", day, "610910", ORIGIN, "1200", nat, "100");    // 12/kg, p 0.9
        d = fx.declare(IMPORTER_D, "TPCA", day, "610910", ORIGIN, "1000", nat, "100");    // 10/kg, no usable assessment, p 0.1
        fx.released(a, 80, "GREEN");
        fx.released(b, 50, "GREEN");
        fx.released(c, 90, "YELLOW");
        fx.released(d, 10, "GREEN");
        // assessments as the tariff step stores them (set here so the figures do not depend on the demo tariff)
        assessed(a, "50.00");
        assessed(b, "100.00");
        assessed(c, "120.00");
        intake.store().saveAssessment(d, WorkspaceFixtures.assessment("{\"complete\": false, \"items\": [], \"errors\": []}"));
        // not released: counts for later norms, never listed; rejected and cancelled ones never count
        fx.underControl(fx.declare(importer(), "TPCA", before, "610910", ORIGIN, "2500", nat, "100"), 99, "RED", List.of());
        for (var status : List.of(org.smartcustoms.declaration.DeclarationStatus.REJECTED, org.smartcustoms.declaration.DeclarationStatus.CANCELLED)) {
            for (int i = 0; i < 4; i++) fx.force(fx.declare(importer(), "TPCA", before, "610910", ORIGIN, "1", nat, "100"), status);
        }
        norms.invalidate();
    }

    private void assessed(String id, String total) {
        intake.store().saveAssessment(id, WorkspaceFixtures.assessment("{\"complete\": true, \"currency\": \"EUR\", \"total\": {\"amount\": " + total
                + ", \"currency\": \"EUR\"}, \"items\": [{\"sequence\": 1, \"total\": {\"amount\": " + total + ", \"currency\": \"EUR\"}}]}"));
    }

    @Test
    void declarationsRankedByExpectedRevenueAtRiskWithReasons() {
        ApiClient.Response r = api.get("/api/v1/post-clearance/declarations?limit=" + ALL, auditor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> rows = ours(r.json(), "importerId");
        // median 25/kg (7 x 25; the 8 at 0.01/kg were rejected or cancelled); missing value fraction x assessed duty+tax x probability:
        // A: 50 EUR x (25/5 - 1) = 200 x 0.8 = 160; C: 120 x (25/12 - 1) = 130 x 0.9 = 117; B: 100 x 1.5 = 150 x 0.5 = 75;
        // D (no assessment total): revenue at risk re-assesses it with the tariff at the norm, 2500 instead of 1000:
        // the difference of the estimator's totals for the two values, x 0.1
        assertThat(rows).extracting(n -> n.get("id").asText()).containsExactly(a, c, b, d);
        JsonNode top = rows.get(0);
        assertThat(top.get("potentialShortfall").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(top.get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("160.00");
        assertThat(top.get("currency").asText()).isEqualTo("EUR");
        assertThat(top.get("reasons").get(0).asText())
                .startsWith("Declared 5.00 " + nat + "/kg vs median 25.00 " + nat + "/kg for HS 610910 from " + ORIGIN + "")
                .contains("assessed duty and tax 50.00 EUR");
        assertThat(rows.get(1).get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("117.00");
        JsonNode last = rows.get(3);
        java.math.BigDecimal shortfall = estimatedTotal("2500").subtract(estimatedTotal("1000"));
        assertThat(shortfall).isPositive();
        assertThat(last.get("potentialShortfall").decimalValue()).isEqualByComparingTo(shortfall.setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(last.get("expectedRevenueAtRisk").decimalValue())
                .isEqualByComparingTo(shortfall.multiply(new java.math.BigDecimal("0.1")).setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(last.get("currency").asText()).isEqualTo(nat);
        assertThat(last.get("reasons").get(0).asText()).contains("from the tariff re-assessed at the norm");

        // the limit cuts the whole ranking: ours keep their order within it
        List<String> ranked = r.json().findValuesAsText("id");
        int upToC = ranked.indexOf(c) + 1;
        assertThat(api.get("/api/v1/post-clearance/declarations?limit=" + upToC, auditor).json().findValuesAsText("id"))
                .hasSize(upToC).contains(a, c).doesNotContain(b, d);
        assertThat(api.get("/api/v1/post-clearance/declarations?limit=0", auditor).status()).isEqualTo(400);
    }

    /** Duty and tax of D's goods at {@code value} (national currency), as the public estimator answers. */
    private java.math.BigDecimal estimatedTotal(String value) {
        ApiClient.Response r = api.post("/api/v1/estimate", auditor, JSON, """
                {"hsCode": "610910", "origin": "%s", "value": %s, "currency": "%s", "quantity": 100, "unit": "KGM",
                 "date": "2021-03-02", "incoterm": "CIF"}""".formatted(ORIGIN, value, nat));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("total").get("amount").decimalValue();
    }

    @Test
    void companiesRankedBySummedRisk() {
        List<JsonNode> rows = ours(api.get("/api/v1/post-clearance/companies?limit=" + ALL, auditor).json(), "importerId");
        assertThat(rows).extracting(n -> n.get("importerId").asText()).containsExactly(IMPORTER_B, IMPORTER_A, IMPORTER_D);
        JsonNode first = rows.get(0);
        assertThat(first.get("expectedRevenueAtRisk").decimalValue()).isEqualByComparingTo("192.00");
        assertThat(first.get("flagged").asInt()).isEqualTo(2);
        assertThat(first.get("declarations").asInt()).isEqualTo(2);
        assertThat(first.get("reasons").get(0).asText()).isEqualTo("2 of 2 released declarations priced below the HS6 x origin median");
    }

    @Test
    void csvExportWithHeader() throws Exception {
        ApiClient.Response r = api.get("/api/v1/post-clearance/declarations?format=csv&limit=" + ALL, auditor);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,lrn,importer,status,riskScore,probability,potentialShortfall,expectedRevenueAtRisk,currency,reasons");
        assertThat(lines).hasSize(api.get("/api/v1/post-clearance/declarations?limit=" + ALL, auditor).json().size() + 1);
        List<String> mine = Arrays.stream(lines).filter(l -> IMPORTERS.stream().anyMatch(i -> l.contains("," + i + ","))).toList();
        assertThat(mine).hasSize(4);
        assertThat(mine.get(0)).startsWith(a + ",").contains("," + IMPORTER_A + ",RELEASED,80,0.8,200.00,160.00,EUR,");

        HttpResponse<String> viaAccept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/post-clearance/companies?limit=" + ALL))
                .header("Authorization", "Bearer " + auditor).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaAccept.statusCode()).isEqualTo(200);
        assertThat(viaAccept.headers().firstValue("Content-Disposition").orElse("")).contains("post-clearance-companies.csv");
        assertThat(viaAccept.body()).startsWith("importer,declarations,flagged,potentialShortfall,expectedRevenueAtRisk,currency,reasons\r\n")
                .contains("\r\n" + IMPORTER_B + ",2,2,");
    }
}
