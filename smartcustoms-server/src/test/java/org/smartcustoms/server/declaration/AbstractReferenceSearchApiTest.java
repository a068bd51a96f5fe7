package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ?q= finds declarations by LRN or MRN on the declarations list and the worklist; junk gets a 400 problem. On H2 and
 * PostgreSQL (the LIKE with its escape character is SQL that both must read alike).
 */
@ApiTest
abstract class AbstractReferenceSearchApiTest extends ApiTestSupport {

    @Test
    void findsByPartOfTheLrnOrTheMrnCaseInsensitively() {
        String trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        String officer = TestUsers.token(users, Role.OFFICER, null);
        String lrn = "SRCH-" + TestUsers.unique().toUpperCase() + "_X";
        String id = api.post("/api/v1/declarations", trader, JSON, AbstractIntakeApiTest.example(lrn)).json().get("id").asText();
        String other = api.post("/api/v1/declarations", trader, JSON, AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn()))
                .json().get("id").asText();

        for (String token : List.of(officer, trader)) {
            JsonNode byLrn = api.get("/api/v1/declarations?q=" + lrn.substring(0, lrn.length() - 1).toLowerCase(), token).json();
            assertThat(byLrn.get("items").findValuesAsText("id")).containsExactly(id);
            assertThat(byLrn.get("total").asLong()).isEqualTo(1);
            JsonNode byMrn = api.get("/api/v1/declarations?q=" + id.substring(2), token).json();
            assertThat(byMrn.get("items").findValuesAsText("id")).contains(id).doesNotContain(other);
        }
        // "_" is a character, not a wildcard
        assertThat(api.get("/api/v1/declarations?q=" + lrn.replace("_X", "_"), officer).json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/declarations?q=" + lrn.replace("_X", "XX"), officer).json().get("total").asLong()).isZero();

        // the worklist finds it once it is under control
        new WorkspaceFixtures(intake, jdbc).underControl(id, 80, "RED", List.of());
        JsonNode work = api.get("/api/v1/worklist?q=" + lrn, officer).json();
        assertThat(work.get("items").findValuesAsText("id")).containsExactly(id);
        assertThat(api.get("/api/v1/worklist?q=" + id, officer).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void junkQueriesAreRefusedWith400() {
        String officer = TestUsers.token(users, Role.OFFICER, null);
        for (String q : List.of("%25", "a", "x'--", "%3Cscript%3E", "A".repeat(36), "abc%25def")) {
            for (String path : List.of("/api/v1/declarations?q=", "/api/v1/worklist?q=")) {
                ApiClient.Response r = api.get(path + q, officer);
                assertThat(r.status()).as(path + q + " " + r).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("detail").asText()).contains("LRN or MRN");
            }
        }
    }
}
