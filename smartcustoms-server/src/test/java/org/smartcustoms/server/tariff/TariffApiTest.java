package org.smartcustoms.server.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/** Tariff over HTTP: the estimator, code look-up, imports rejected whole, and assessment of accepted declarations. */
@ApiTest
@OnH2
class TariffApiTest extends ApiTestSupport {

    String trader;

    @BeforeEach
    void setUp() {
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
    }

    @Test
    void estimatorExplainsPreferenceAndAgreesWithTheAssessment() {
        // Demo tariff: 6109 MFN 12%, GSP-EBA 0% for BD with proof of origin; VAT 20%; USD at 0.92 from 2024-01-01.
        // 1,000 USD x 0.92 = 920.00 EUR customs value; duty 0; VAT 20% of 920.00 = 184.00; total 184.00 EUR.
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "BD", "value": 1000, "currency": "USD", "date": "2026-11-20", "proofOfOrigin": true}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("customsValue").get("amount").decimalValue()).isEqualByComparingTo("920.00");
        assertThat(e.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(e.get("total").get("amount").decimalValue()).isEqualByComparingTo("184.00");
        assertThat(e.get("explanation").asText()).contains("instead of MFN 12%");

        // Without proof of origin the MFN rate applies: duty 12% of 920.00 = 110.40; VAT 20% of 1,030.40 = 206.08.
        JsonNode mfn = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "BD", "value": 1000, "currency": "USD", "date": "2026-11-20"}""").json();
        assertThat(mfn.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("110.40");
        assertThat(mfn.get("total").get("amount").decimalValue()).isEqualByComparingTo("316.48");
    }

    @Test
    void unknownCodeNamesTheNearestValidCodes() {
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610999", "origin": "CN", "value": 100, "currency": "USD"}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("610999");
        assertThat(r.json().get("nearest")).isNotEmpty();
    }

    @Test
    void noExchangeRateIsAClearErrorNeverZero() {
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "CN", "value": 100, "currency": "CHF", "date": "2026-11-20"}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("currency").asText()).isEqualTo("CHF");
    }

    @Test
    void negativeValueIsRejected() {
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "CN", "value": -5, "currency": "USD"}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("negative");
    }

    @Test
    void codeLookupShowsTheHierarchy() {
        JsonNode c = api.get("/api/v1/tariff/codes/610910", trader).json();
        assertThat(c.get("path").findValuesAsText("code")).contains("61", "610910");
    }

    @Test
    void aRateFileWithErrorsIsRejectedWholeWithLineNumbers() {
        String bad = "kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note\n"
                + "MFN,0101,,,,5%,2020-01-01,,,\n"
                + "MFN,0102,,,,five percent,2020-01-01,,,\n";
        ApiClient.Response r = api.post("/api/v1/admin/tariff/rates", ADMIN, "text/csv", bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).asText()).contains("line 3");
        // nothing changed: the demo rate for 6109 still applies
        assertThat(api.get("/api/v1/tariff/sources", ADMIN).json().get("RATES").asText()).isEqualTo("built-in demo tariff");
        assertThat(api.post("/api/v1/admin/tariff/rates", trader, "text/csv", bad).status()).isEqualTo(403);
    }

    @Test
    void acceptedDeclarationIsAssessedAndTheDeclarantGetsATaxNotification() throws Exception {
        String body = new String(getClass().getResourceAsStream("/declaration-import.json").readAllBytes())
                .replace("LRN-TEST-0001", "LRN-T-" + UUID.randomUUID().toString().substring(0, 8))
                .replace("\"declarationDate\": \"2026-11-20\"", "\"declarationDate\": \"2026-11-20\"");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        JsonNode a = api.get("/api/v1/declarations/" + id, trader).json().get("assessment");
        assertThat(a.get("complete").asBoolean()).as(a.toString()).isTrue();
        assertThat(a.get("items")).hasSize(2);
        // the estimator gives the same figures for item 2 (610910 from BD, 2,500 USD, no proof): same code path
        JsonNode est = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "BD", "value": 2500.00, "currency": "USD", "date": "2026-11-20", "incoterm": "CIF"}""").json();
        assertThat(a.get("items").get(1).get("total").get("amount").decimalValue())
                .isEqualByComparingTo(est.get("total").get("amount").decimalValue());
        assertThat(notifications(trader)).filteredOn(n -> n.path("declarationId").asText().equals(id))
                .extracting(n -> n.get("type").asText()).contains("DMSTAX");
    }
}
