package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An item whose assessment is incomplete blocks the release (whoever asks: inspection result, GREEN override, green
 * channel on acceptance) with a 409 naming the item; the officer reclassifies it (audited, through the lifecycle
 * gate), duty is re-assessed and the release then goes through. The inspection API requires an explicit decision.
 */
@ApiTest
@OnH2
class ReleaseGateApiTest extends ApiTestSupport {
    String trader, officer, officerName, auditor;

    @BeforeEach
    void setUp() {
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        officerName = "officer-" + TestUsers.unique();
        officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        auditor = TestUsers.token(users, Role.AUDITOR, null);
    }

    /** A simplified import (type B) whose only item has no commodity code: accepted, assessment incomplete. */
    String incomplete() throws Exception {
        ObjectNode d = DeclarationCategoryApiTest.declaration("B");
        DeclarationCategoryApiTest.item(d).remove("commodityCode");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, d.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    JsonNode view(String id, String token) {
        return api.get("/api/v1/declarations/" + id, token).json();
    }

    @Test
    void incompleteAssessmentIsHeldUnderControlAndCannotBeReleasedUntilReclassified() throws Exception {
        String id = incomplete();
        JsonNode v = view(id, officer);
        assertThat(v.get("assessment").get("complete").asBoolean()).isFalse();
        // whatever the channel, it is not released on acceptance: it waits under control for the officer
        assertThat(v.get("status").asText()).isEqualTo("UNDER_CONTROL");

        ApiClient.Response release = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON,
                "{\"outcome\": \"NO_IRREGULARITY\", \"decision\": \"RELEASE\"}");
        assertThat(release.status()).as(release.toString()).isEqualTo(409);
        assertThat(release.contentType()).startsWith("application/problem+json");
        assertThat(release.json().get("title").asText()).isEqualTo("Assessment incomplete: release blocked");
        assertThat(release.json().get("detail").asText()).contains("item 1").contains("Reclassify");
        assertThat(release.json().get("items").get(0).get("sequence").asInt()).isEqualTo(1);
        ApiClient.Response green = api.post("/api/v1/declarations/" + id + "/override", officer, JSON,
                "{\"channel\": \"GREEN\", \"reason\": \"looks fine to me\"}");
        assertThat(green.status()).as(green.toString()).isEqualTo(409);
        assertThat(view(id, officer).get("status").asText()).isEqualTo("UNDER_CONTROL");
        assertThat(api.get("/api/v1/declarations/" + id + "/inspections", officer).json()).as("nothing stored").isEmpty();

        // reclassification: bad input is refused with 400, never stored
        assertThat(api.post("/api/v1/declarations/" + id + "/reclassification", officer, JSON,
                "{\"sequence\": 1, \"commodityCode\": \"85044000\"}").status()).as("reason is mandatory").isEqualTo(400);
        assertThat(api.post("/api/v1/declarations/" + id + "/reclassification", officer, JSON,
                "{\"sequence\": 1, \"commodityCode\": \"85x\", \"reason\": \"r\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/declarations/" + id + "/reclassification", officer, JSON,
                "{\"sequence\": 7, \"commodityCode\": \"8504400090\", \"reason\": \"r\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/declarations/" + id + "/reclassification", trader, JSON,
                "{\"sequence\": 1, \"commodityCode\": \"8504400090\", \"reason\": \"r\"}").status()).isEqualTo(403);

        ApiClient.Response re = api.post("/api/v1/declarations/" + id + "/reclassification", officer, JSON,
                "{\"sequence\": 1, \"commodityCode\": \"8504400090\", \"reason\": \"power supplies: heading 8504 per the invoice\"}");
        assertThat(re.status()).as(re.toString()).isEqualTo(200);
        JsonNode after = re.json();
        assertThat(after.get("status").asText()).isEqualTo("UNDER_CONTROL");
        assertThat(after.get("version").asInt()).isEqualTo(v.get("version").asInt() + 1);
        assertThat(after.get("declaration").get("items").get(0).get("commodityCode").asText()).isEqualTo("8504400090");
        assertThat(after.get("assessment").get("complete").asBoolean()).as(after.get("assessment").toString()).isTrue();

        JsonNode audit = api.get("/api/v1/audit?action=ITEM_RECLASSIFIED&subjectId=" + id, auditor).json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        assertThat(audit.get("items").get(0).get("actor").asText()).isEqualTo(officerName);
        assertThat(audit.get("items").get(0).get("details").get("to").asText()).isEqualTo("8504400090");

        // the trader learns that its declaration was corrected, never by whom
        JsonNode feed = api.get("/api/v1/notifications", trader).json().get("items");
        String notices = feed.toString();
        assertThat(notices).contains("Customs corrected item 1").doesNotContain(officerName);
        assertThat(view(id, trader).toString()).doesNotContain(officerName);

        ApiClient.Response ok = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON,
                "{\"outcome\": \"NO_IRREGULARITY\", \"decision\": \"RELEASE\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(view(id, officer).get("status").asText()).isEqualTo("RELEASED");
    }

    @Test
    void reclassificationOnlyUnderControl() throws Exception {
        String id = incomplete();
        api.post("/api/v1/declarations/" + id + "/cancel", officer, JSON, "{\"reason\": \"withdrawn\"}");
        ApiClient.Response r = api.post("/api/v1/declarations/" + id + "/reclassification", officer, JSON,
                "{\"sequence\": 1, \"commodityCode\": \"8504400090\", \"reason\": \"too late\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
    }

    @Test
    void inspectionNeedsAnExplicitDecisionAndOutcome() throws Exception {
        String id = incomplete();
        ApiClient.Response noDecision = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON,
                "{\"outcome\": \"NO_IRREGULARITY\"}");
        assertThat(noDecision.status()).isEqualTo(400);
        assertThat(noDecision.json().get("detail").asText()).contains("decision is required");
        ApiClient.Response noOutcome = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON,
                "{\"decision\": \"KEEP_UNDER_CONTROL\"}");
        assertThat(noOutcome.status()).isEqualTo(400);
        assertThat(noOutcome.json().get("detail").asText()).contains("outcome is required");
        assertThat(api.get("/api/v1/declarations/" + id + "/inspections", officer).json()).isEmpty();
    }
}
