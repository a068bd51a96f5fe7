package org.smartcustoms.server.risk;

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

/** Risk end to end: an analyst's rule decides a submitted declaration's channel, with reasons, versions and audit. */
@ApiTest
@OnH2
class RiskApiTest extends ApiTestSupport {

    String trader;
    String analyst;
    String officer;

    @BeforeEach
    void setUp() {
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        analyst = TestUsers.token(users, Role.ANALYST, null);
        officer = TestUsers.token(users, Role.OFFICER, null);
    }

    String declaration(String description) throws Exception {
        return new String(getClass().getResourceAsStream("/declaration-import.json").readAllBytes())
                .replace("LRN-TEST-0001", "LRN-R-" + UUID.randomUUID().toString().substring(0, 8))
                .replace("Cotton T-shirts, knitted", description);
    }

    @Test
    void aRuleThatDoesNotCompileIsRejectedWithItsPosition() {
        ApiClient.Response r = api.post("/api/v1/rules", analyst, JSON, """
                {"name": "broken", "expression": "value >\\n  'abc'", "threat": "UNDERVALUATION", "weight": 50}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("line").asInt()).isEqualTo(1);
        assertThat(r.json().get("column").asInt()).isPositive();
        assertThat(api.post("/api/v1/rules", officer, JSON, "{\"expression\": \"true\", \"threat\": \"OTHER\"}").status()).isEqualTo(403);
    }

    @Test
    void analystRuleSendsMatchingDeclarationsToControlWithReasons() throws Exception {
        String marker = "Marker-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response rule = api.post("/api/v1/rules", analyst, JSON, """
                {"name": "Suspicious description", "expression": "description.contains('%s')", "threat": "PROHIBITED",
                 "weight": 95, "scope": {"hsPrefix": "6109"}}""".formatted(marker));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().get("id").asText();

        ApiClient.Response hit = api.post("/api/v1/declarations", trader, JSON, declaration("T-shirts " + marker));
        assertThat(hit.status()).as(hit.toString()).isEqualTo(201);
        assertThat(hit.json().get("channel").asText()).isEqualTo("RED");
        assertThat(hit.json().get("status").asText()).isEqualTo("UNDER_CONTROL");
        JsonNode risk = api.get("/api/v1/declarations/" + hit.json().get("id").asText(), officer).json().get("risk");
        assertThat(risk.get("ruleVersions").toString()).contains(ruleId + "@1");
        assertThat(risk.get("scorecard").get("PROHIBITED").asText()).isEqualTo("HIGH");
        assertThat(risk.get("reasons").findValuesAsText("source")).contains("RULE");

        ApiClient.Response miss = api.post("/api/v1/declarations", trader, JSON, declaration("Plain cotton T-shirts"));
        assertThat(miss.json().get("channel").asText()).isEqualTo("GREEN");
        assertThat(miss.json().get("status").asText()).isEqualTo("RELEASED");

        // it is on the officers' worklist, and the decision is in the audit trail
        assertThat(api.get("/api/v1/worklist?size=200", officer).json().get("items").findValuesAsText("id"))
                .contains(hit.json().get("id").asText());
        assertThat(api.get("/api/v1/audit?action=CHANNEL_DECISION&size=200", ADMIN).json().get("items").findValuesAsText("subjectId"))
                .contains(hit.json().get("id").asText());

        // disabling makes a new version; the rule no longer fires
        ApiClient.Response off = api.post("/api/v1/rules/" + ruleId + "/disable", analyst, JSON, "{\"reason\": \"campaign over\"}");
        assertThat(off.json().get("version").asInt()).isEqualTo(2);
        assertThat(api.post("/api/v1/declarations", trader, JSON, declaration("T-shirts " + marker)).json().get("channel").asText())
                .isEqualTo("GREEN");
        assertThat(api.get("/api/v1/rules/" + ruleId, analyst).json()).hasSize(2);
    }

    @Test
    void ruleTestCountsRecentHits() throws Exception {
        String marker = "Probe-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("/api/v1/declarations", trader, JSON, declaration("Shirts " + marker));
        JsonNode t = api.post("/api/v1/rules/test", analyst, JSON, """
                {"expression": "description.contains('%s')", "threat": "OTHER"}""".formatted(marker)).json();
        assertThat(t.get("hits").asInt()).isEqualTo(1);
        assertThat(t.get("evaluated").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theVariableCatalogueIsServedForTheAnalystsHelp() {
        JsonNode vars = api.get("/api/v1/rules/variables", analyst).json();
        assertThat(vars.findValuesAsText("name")).contains("unit_price", "hs6", "importer_fraud_rate", "has_norm", "params");
        for (JsonNode v : vars) {
            assertThat(v.get("description").asText()).as(v.toString()).isNotBlank();
            if (v.get("name").asText().equals("unit_price")) {
                assertThat(v.get("type").asText()).isEqualTo("number");
                assertThat(v.get("level").asText()).isEqualTo("item");
                assertThat(v.get("unit").asText()).contains("national currency");
            }
            if (v.get("name").asText().equals("importer_fraud_rate")) assertThat(v.get("level").asText()).isEqualTo("declaration");
        }
    }

    @Test
    void aRuleFailingAtRunTimeIsInTheRuleErrorReport() throws Exception {
        String marker = "Broken-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response rule = api.post("/api/v1/rules", analyst, JSON, """
                {"name": "Reads a missing param", "expression": "description.contains('%s') && params.missing > 1.0",
                 "threat": "OTHER", "weight": 10, "scope": {"hsPrefix": "6109"}}""".formatted(marker));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().get("id").asText();
        ApiClient.Response d = api.post("/api/v1/declarations", trader, JSON, declaration("T-shirts " + marker));
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        JsonNode risk = api.get("/api/v1/declarations/" + d.json().get("id").asText(), officer).json().get("risk");
        assertThat(risk.get("reasons").findValuesAsText("text").toString()).contains("Rule errors");

        ApiClient.Response report = api.get("/api/v1/rules/errors", analyst);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().get("ruleErrors").asLong()).isPositive();
        JsonNode failing = report.json().get("failingRules");
        assertThat(failing.findValuesAsText("ruleId")).contains(ruleId);
        for (JsonNode f : failing) {
            if (f.get("ruleId").asText().equals(ruleId)) {
                assertThat(f.get("name").asText()).isEqualTo("Reads a missing param");
                assertThat(f.get("lastError").asText()).contains("missing");
            }
        }
        assertThat(report.json().has("modelErrors")).isTrue();
        assertThat(api.get("/api/v1/rules/errors", officer).status()).isEqualTo(403);
    }

    @Test
    void watchListImportIsAllOrNothing() {
        String bad = "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\nW1,X1,Acme,,r,s,2020-13-45,\n";
        ApiClient.Response r = api.post("/api/v1/watchlists/import?kind=parties", analyst, "text/csv", bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("detail").asText()).contains("line 2");

        // an oversized file is refused whole, never truncated into a partial list
        byte[] big = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        ApiClient.Response tooBig = api.post("/api/v1/watchlists/import?kind=parties", analyst, "text/csv", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownModelIs404AndModelsAreListed() {
        assertThat(api.get("/api/v1/models/does-not-exist", ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/models", ADMIN).json().get("live").asText()).isEqualTo("none");
    }
}
