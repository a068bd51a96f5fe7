package org.smartcustoms.server.declaration;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Simplified, pre-lodged and unit-price declarations through the API: accepted without the elements their
 * category lets come later, and the steps after acceptance (tariff assessment, risk) do not fail on them: an
 * item without commodity code or value is assessed as incomplete with the reason. A standard declaration without
 * a commodity code is still refused.
 */
@ApiTest
@OnH2
class DeclarationCategoryApiTest extends ApiTestSupport {
    static final ObjectMapper MAPPER = new ObjectMapper();

    String trader;
    String officer;

    @BeforeEach
    void setUp() {
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        officer = TestUsers.token(users, Role.OFFICER, null);
    }

    /** The example import with one item (the first), of the given additional type. */
    static ObjectNode declaration(String additionalType) throws Exception {
        ObjectNode d = (ObjectNode) MAPPER.readTree(AbstractIntakeApiTest.example("LRN-" + UUID.randomUUID().toString().substring(0, 12)));
        ((ObjectNode) d.get("type")).put("additionalType", additionalType);
        ArrayNode items = (ArrayNode) d.get("items");
        items.remove(1);
        return d;
    }

    static ObjectNode item(ObjectNode d) {
        return (ObjectNode) d.get("items").get(0);
    }

    JsonNode submitAccepted(ObjectNode d) {
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, d.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode view = api.get("/api/v1/declarations/" + r.json().get("id").asText(), officer).json();
        assertThat(view.get("status").asText()).isNotIn("REJECTED", "SUBMITTED");
        assertThat(view.get("risk")).as("risk assessed").isNotNull();
        return view;
    }

    @Test
    void simplifiedImportWithoutCommodityCodeIsAcceptedAndItsAssessmentIsIncompleteWithTheReason() throws Exception {
        ObjectNode d = declaration("B");
        item(d).remove("commodityCode");
        JsonNode view = submitAccepted(d);
        JsonNode a = view.get("assessment");
        assertThat(a.get("complete").asBoolean()).isFalse();
        assertThat(a.get("errors").get(0).get("code").asText()).isEqualTo("MissingItemData");
        assertThat(a.get("errors").get(0).get("message").asText()).contains("no commodity code declared");
    }

    @Test
    void preLodgedImportWithoutOriginIsAcceptedAndAssessedAtTheThirdCountryRate() throws Exception {
        ObjectNode d = declaration("D");
        item(d).remove("originCountry");
        JsonNode view = submitAccepted(d);
        assertThat(view.get("assessment").get("complete").asBoolean()).as(view.get("assessment").toString()).isTrue();
    }

    @Test
    void unitPriceValuationWithoutCustomsValueIsAcceptedAndItsAssessmentIsIncomplete() throws Exception {
        ObjectNode d = declaration("A");
        d.remove("invoiceAmount");
        item(d).remove("customsValue");
        item(d).remove("statisticalValue");
        item(d).put("valuationMethod", "1SV");
        JsonNode view = submitAccepted(d);
        JsonNode a = view.get("assessment");
        assertThat(a.get("complete").asBoolean()).isFalse();
        assertThat(a.get("errors").get(0).get("message").asText()).contains("no customs or statistical value declared");
    }

    @Test
    void standardImportWithoutCommodityCodeOrOriginIsStillRefused() throws Exception {
        ObjectNode d = declaration("A");
        item(d).remove("commodityCode");
        item(d).remove("originCountry");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, d.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.body()).contains("HS_CODE_REQUIRED").contains("ORIGIN_REQUIRED");
    }
}
