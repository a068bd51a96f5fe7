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
        // Demo tariff (JPY): 610910 MFN 9.1% (chapter-61 band), CPTPP free for VN with proof of origin; consumption
        // tax 10%. 1,000,000 JPY CIF: with proof duty 0, tax 100,000; without: duty 91,000, tax 10% of 1,091,000 = 109,100.
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "VN", "value": 1000000, "currency": "JPY", "date": "2026-11-20", "proofOfOrigin": true}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("customsValue").get("amount").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(e.get("customsValue").get("currency").asText()).isEqualTo("JPY");
        assertThat(e.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("0");
        assertThat(e.get("total").get("amount").decimalValue()).isEqualByComparingTo("100000");
        assertThat(e.get("explanation").asText()).contains("instead of MFN 9.1%", "proof of origin declared");

        JsonNode mfn = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "610910", "origin": "VN", "value": 1000000, "currency": "JPY", "date": "2026-11-20"}""").json();
        assertThat(mfn.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("91000");
        assertThat(mfn.get("total").get("amount").decimalValue()).isEqualByComparingTo("200100");
    }

    @Test
    void estimatorAnswersSoySauceFromChinaWithDutyAndReducedConsumptionTaxInYen() {
        // HS 2103.10 soy sauce, 200,000 JPY from China: MFN 7.2% = 14,400 JPY; consumption tax at the 8% reduced
        // rate for food on 214,400 = 17,152 JPY; total 31,552 JPY.
        ApiClient.Response r = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "2103.10", "origin": "CN", "value": 200000, "currency": "JPY", "date": "2026-11-20"}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("commodityCode").asText()).isEqualTo("210310");
        assertThat(e.get("duty").get("rate").asText()).isEqualTo("7.2%");
        assertThat(e.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("14400");
        assertThat(e.get("duty").get("amount").get("currency").asText()).isEqualTo("JPY");
        assertThat(e.get("vat").get("rate").asText()).isEqualTo("8%");
        assertThat(e.get("vat").get("amount").get("amount").decimalValue()).isEqualByComparingTo("17152");
        assertThat(e.get("total").get("amount").decimalValue()).isEqualByComparingTo("31552");
        assertThat(e.get("total").get("currency").asText()).isEqualTo("JPY");
    }

    @Test
    void foreignCurrencyIsConvertedAtTheWeeksRate() {
        JsonNode usd = api.post("/api/v1/estimate", trader, JSON, """
                {"hsCode": "847130", "origin": "CN", "value": 1000, "currency": "USD", "date": "2026-11-20"}""").json();
        assertThat(usd.get("customsValue").get("currency").asText()).isEqualTo("JPY");
        assertThat(usd.get("exchangeRate").decimalValue().doubleValue()).isBetween(100.0, 200.0);
        assertThat(usd.get("duty").get("amount").get("amount").decimalValue()).isEqualByComparingTo("0"); // computers: free
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
                {"hsCode": "610910", "origin": "CN", "value": 100, "currency": "XAU", "date": "2026-11-20"}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("currency").asText()).isEqualTo("XAU");
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
