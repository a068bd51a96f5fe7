package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/** The notification feed: newest first, paged with a before-cursor, types from the closed set with their names. */
@ApiTest
@OnH2
class NotificationFeedApiTest extends ApiTestSupport {

    @Test
    void newestFirstPagedWithABeforeCursorToTheOldest() {
        String party = "JP" + TestUsers.unique().toUpperCase();
        String trader = TestUsers.token(users, Role.TRADER, party);
        List<String> lrns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String lrn = "NF-" + TestUsers.unique();
            lrns.add(lrn);
            // a rejected submission notifies the declarant (one DMSREJ each), whatever the acceptance steps are
            ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, """
                    {"functionCode": "9", "lrn": "%s", "type": {"code": "IM", "additionalType": "A"},
                     "parties": [{"role": "DECLARANT", "id": "%s"}], "items": []}""".formatted(lrn, party));
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
        }
        List<String> seen = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/notifications?limit=3" + (cursor == null ? "" : "&before=" + cursor), trader).json();
            pages++;
            for (JsonNode n : page.get("items")) {
                seen.add(n.get("lrn").asText());
                ids.add(n.get("id").asLong());
                assertThat(n.get("type").asText()).isEqualTo("DMSREJ");
                assertThat(n.get("label").asText()).isEqualTo("Rejected");
                assertThat(n.get("declarantId").asText()).isEqualTo(party);
            }
            cursor = page.get("nextBefore") == null || page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(lrns);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        Long[] sorted = ids.toArray(new Long[0]);
        Arrays.sort(sorted, java.util.Comparator.reverseOrder());
        assertThat(ids).containsExactly(sorted);

        // polling for newer ones than the newest seen: nothing new
        assertThat(api.get("/api/v1/notifications?after=" + ids.get(0), trader).json().get("items")).isEmpty();
        // the default page is the newest
        assertThat(api.get("/api/v1/notifications", trader).json().get("items").get(0).get("lrn").asText()).isEqualTo(lrns.get(6));
    }

    @Test
    void junkPagingIsRefusedWith400() {
        String trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        for (String q : List.of("limit=0", "limit=201", "limit=abc", "before=0", "before=x", "after=-1")) {
            ApiClient.Response r = api.get("/api/v1/notifications?" + q, trader);
            assertThat(r.status()).as(q + " " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void validationErrorsCarryTheFieldInWordsOncePerProblem() {
        String trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        String body = AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn())
                .replaceFirst("\"customsValue\": \\{\"amount\": 10000.00", "\"customsValue\": {\"amount\": 0");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        JsonNode errors = r.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("path").asText()).isEqualTo("items[0].customsValue.amount");
        assertThat(errors.get(0).get("label").asText()).isEqualTo("Item 1 — customs value");
        assertThat(r.json().get("detail").asText()).contains("Item 1 — customs value: ").doesNotContain("items[0]");
    }
}
