package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Declaration intake end to end over HTTP, as a trader's or customs client would use it. Subclasses run it
 * on H2 and on the real PostgreSQL.
 */
@ApiTest
abstract class AbstractIntakeApiTest extends ApiTestSupport {

    @Autowired
    org.smartcustoms.server.audit.AuditVerifier verifier;

    String trader;
    String trader2;
    String officer;

    @BeforeEach
    void setUp() {
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        trader2 = TestUsers.token(users, Role.TRADER, "FR999999999");
        officer = TestUsers.token(users, Role.OFFICER, null);
    }

    static String example(String lrn) {
        try (InputStream in = AbstractIntakeApiTest.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LRN-TEST-0001", lrn);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lrn() {
        return "LRN-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void noTokenOrBadTokenIs401ProblemJson() {
        ApiClient.Response none = api.get("/api/v1/declarations", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("status").asInt()).isEqualTo(401);
        assertThat(api.get("/api/v1/declarations", "nope").status()).isEqualTo(401);
    }

    @Autowired
    DeclarationIntake intake;

    @Autowired
    org.smartcustoms.server.TestClock clock;

    /**
     * Two submissions in the same second whose MRNs draw the same random characters: the second is stored under
     * another MRN (not answered with a server error).
     */
    @Test
    void aNewMrnThatIsAlreadyTakenIsDrawnAgain() {
        byte[][] draws = {bytes(7), bytes(7), bytes(11)}; // the first two submissions draw alike, the retry differs
        int[] next = {0};
        intake.mrnRandom(new java.util.Random() {
            @Override
            public synchronized void nextBytes(byte[] out) {
                byte[] d = draws[Math.min(next[0]++, draws.length - 1)];
                System.arraycopy(d, 0, out, 0, out.length);
            }
        });
        clock.advance(java.time.Duration.ofSeconds(1)); // stopped: both submissions fall in the same second
        try {
            ApiClient.Response first = api.post("/api/v1/declarations", trader, JSON, example(lrn()));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            ApiClient.Response second = api.post("/api/v1/declarations", trader, JSON, example(lrn()));
            assertThat(second.status()).as(second.toString()).isEqualTo(201);
            assertThat(next[0]).isEqualTo(3); // the second submission drew twice
            String a = first.json().get("id").asText(), b = second.json().get("id").asText();
            assertThat(b).isNotEqualTo(a).matches("\\d{2}SC[0-9A-Z]{14}");
            assertThat(b.substring(0, 9)).isEqualTo(a.substring(0, 9)); // same year and second
            assertThat(api.get("/api/v1/declarations/" + b, trader).json().get("declaration").get("lrn").asText())
                    .isEqualTo(second.json().get("lrn").asText());
            assertThat(verifier.verify().ok()).isTrue();
        } finally {
            clock.reset();
            intake.mrnRandom(new java.security.SecureRandom());
        }
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[16];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void traderSubmitsJsonAndFollowsIt() {
        String lrn = lrn();
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, example(lrn));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(id).matches("\\d{2}SC[0-9A-Z]{14}");
        assertThat(r.json().get("lrn").asText()).isEqualTo(lrn);

        JsonNode d = api.get("/api/v1/declarations/" + id, trader).json();
        assertThat(d.get("declaration").get("items")).hasSize(2);
        assertThat(d.get("declaration").get("items").get(0).get("commodityCode").asText()).isEqualTo("8504400090");
        assertThat(d.get("declaration").get("parties")).hasSize(4);
        assertThat(d.get("history").get(0).get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(d.get("history").findValuesAsText("status")).contains("ACCEPTED");
        // the trader sees the channel and the tariff assessment, never the targeting reasons or the score
        assertThat(d.get("channel").asText()).isIn("GREEN", "YELLOW", "RED");
        assertThat(d.get("assessment").get("items")).isNotEmpty();
        assertThat(d.has("risk")).isFalse();
        assertThat(d.has("riskScore")).isFalse();
        JsonNode asOfficer = api.get("/api/v1/declarations/" + id, officer).json();
        assertThat(asOfficer.get("risk").get("scorecard")).isNotNull();
        assertThat(asOfficer.get("riskScore").isInt()).isTrue();

        // idempotent re-submission: same id, 200, no duplicate
        ApiClient.Response again = api.post("/api/v1/declarations", trader, JSON, example(lrn));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        JsonNode list = api.get("/api/v1/declarations?declarant=GB123456789000&size=500", officer).json();
        assertThat(list.get("items").findValuesAsText("lrn")).containsOnlyOnce(lrn);

        // notifications feed of the declarant
        assertThat(notifications(trader)).filteredOn(n -> n.path("declarationId").asText().equals(id))
                .extracting(n -> n.get("type").asText()).contains("DMSACC");
    }

    @Test
    void anUndatedOriginalIsDatedOnAcceptance() {
        String lrn = lrn();
        String body = example(lrn).replace("\"declarationDate\": \"2026-11-20\",", "");
        assertThat(body).doesNotContain("declarationDate");
        java.time.LocalDate before = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode d = api.get("/api/v1/declarations/" + r.json().get("id").asText(), trader).json();
        assertThat(java.time.LocalDate.parse(d.get("declaration").get("declarationDate").asText()))
                .isBetween(before.minusDays(1), before.plusDays(1));
    }

    @Test
    void otherTraderCannotSeeItAndCannotDeclareForSomeoneElse() {
        String id = api.post("/api/v1/declarations", trader, JSON, example(lrn())).json().get("id").asText();
        assertThat(api.get("/api/v1/declarations/" + id, trader2).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/declarations", trader2).json().get("items").findValuesAsText("id")).doesNotContain(id);
        assertThat(api.get("/api/v1/declarations/" + id, officer).status()).isEqualTo(200);

        ApiClient.Response foreign = api.post("/api/v1/declarations", trader2, JSON, example(lrn()));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("errors").findValuesAsText("code")).contains("DECLARANT_NOT_YOU");
    }

    @Test
    void officerMayNotSubmit() {
        ApiClient.Response r = api.post("/api/v1/declarations", officer, JSON, example(lrn()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedJsonIsAProblemWithPosition() {
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, "{\"lrn\": \"x\", ");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo("JSON_MALFORMED");
        assertThat(r.body()).doesNotContain("at org.").doesNotContain("Exception");
    }

    @Test
    void wrongCodesAndNegativeValuesListEveryError() {
        String body = example(lrn())
                .replace("\"originCountry\": \"CN\"", "\"originCountry\": \"XX\"")
                .replace("\"currency\": \"USD\"}, \"customsValue\"", "\"currency\": \"ZZZ\"}, \"customsValue\"")
                .replace("\"netMassKg\": 100,", "\"netMassKg\": -5,")
                .replace("\"commodityCode\": \"610910\"", "\"commodityCode\": \"61A9\"");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        JsonNode errors = r.json().get("errors");
        assertThat(errors.size()).isGreaterThanOrEqualTo(4);
        assertThat(errors.findValuesAsText("path")).contains("items[0].originCountry", "items[1].commodityCode", "items[1].netMassKg");
        // nothing was stored
        assertThat(api.get("/api/v1/declarations?declarant=GB123456789000&size=500", officer).json().get("items")
                .findValuesAsText("lrn")).noneMatch(l -> body.contains("\"" + l + "\""));
    }

    @Test
    void missingMandatoryFields() {
        String body = "{\"lrn\": \"" + lrn() + "\", \"type\": \"IM\", \"parties\": [{\"role\": \"DECLARANT\", \"id\": \"GB123456789000\"}], \"items\": []}";
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").size()).isGreaterThanOrEqualTo(1);
    }

    /** Function codes are an enum in the core; an unknown one is the same FUNCTION_CODE violation (422), in JSON and XML. */
    @Test
    void anUnknownFunctionCodeIsA422NamingTheField() {
        for (String code : List.of("\"5\"", "\"ORIGINAL\"", "42")) {
            String lrn = lrn();
            ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON,
                    example(lrn).replace("\"functionCode\": \"9\"", "\"functionCode\": " + code));
            assertThat(r.status()).as(code + ": " + r).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            JsonNode error = r.json().get("errors").get(0);
            assertThat(error.get("code").asText()).isEqualTo("FUNCTION_CODE");
            assertThat(error.get("path").asText()).isEqualTo("functionCode");
            assertThat(r.body()).doesNotContain("org.smartcustoms").doesNotContain("Exception");
            assertThat(api.get("/api/v1/declarations?declarant=GB123456789000&size=500", officer).json().get("items")
                    .findValuesAsText("lrn")).doesNotContain(lrn);
        }
        ApiClient.Response xml = api.post("/api/v1/declarations", trader, "application/xml",
                "<Declaration xmlns=\"urn:wco:datamodel:WCO:DEC-DMS:2\"><FunctionCode>5</FunctionCode>"
                        + "<FunctionalReferenceID>" + lrn() + "</FunctionalReferenceID><TypeCode>IMA</TypeCode></Declaration>");
        assertThat(xml.status()).as(xml.toString()).isEqualTo(422);
        assertThat(xml.json().get("errors").findValuesAsText("code")).contains("XML_BAD_FUNCTION_CODE");
        // a good submission still shows the code as the WCO string
        ApiClient.Response ok = api.post("/api/v1/declarations", trader, JSON, example(lrn()));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/declarations/" + ok.json().get("id").asText(), trader).json()
                .get("declaration").get("functionCode").asText()).isEqualTo("9");
    }

    @Test
    void xxeIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Declaration xmlns=\"urn:wco:datamodel:WCO:DEC-DMS:2\"><FunctionCode>9</FunctionCode>"
                + "<FunctionalReferenceID>&e;</FunctionalReferenceID></Declaration>";
        ApiClient.Response r = api.post("/api/v1/declarations", trader, "application/xml", xml);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void oversizedBodyIs413() {
        byte[] big = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void amendmentKeepsPreviousVersionAndCancellationEndsIt() {
        String lrn = lrn();
        JsonNode submitted = api.post("/api/v1/declarations", trader, JSON, example(lrn)).json();
        String id = submitted.get("id").asText();
        final String first = id;
        JsonNode original = api.get("/api/v1/declarations/" + first + "/versions", trader).json();
        assertThat(original).hasSize(1); // the original alone, before any amendment
        assertThat(original.get(0).get("items").get(0).get("netMassKg").decimalValue()).isEqualByComparingTo("800.5");
        if (submitted.get("status").asText().equals("UNDER_CONTROL")) {
            // selected for control (e.g. at random): the declarant may amend only once an officer allows a correction
            ApiClient.Response auth = api.post("/api/v1/declarations/" + id + "/correction-authorisation", officer, JSON,
                    "{\"reason\": \"net mass to be corrected\"}");
            assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        }
        String amendment = example(lrn).replace("\"functionCode\": \"9\"", "\"functionCode\": \"13\", \"referencedId\": \"" + id + "\"")
                .replace("\"netMassKg\": 800.5", "\"netMassKg\": 812.0");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, amendment);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("version").asInt()).isEqualTo(2);
        JsonNode versions = api.get("/api/v1/declarations/" + first + "/versions", trader).json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("items").get(0).get("netMassKg").decimalValue()).isEqualByComparingTo("800.5");
        assertThat(versions.get(1).get("items").get(0).get("netMassKg").decimalValue()).isEqualByComparingTo("812.0");

        // Released goods cannot be cancelled; bring one under control (watch-listed importer), as a green one is released.
        String status = api.get("/api/v1/declarations/" + id, trader).json().get("status").asText();
        if (status.equals("RELEASED")) {
            assertThat(api.post("/api/v1/declarations/" + id + "/cancel", trader, JSON, "{}").status()).isEqualTo(409);
            // an importer on the watch list is always sent to control
            String watched = "GB" + (100000000000L + (long) (Math.random() * 899999999999L));
            ApiClient.Response w = api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\": \"W-" + watched
                    + "\", \"partyId\": \"" + watched + "\", \"name\": \"Watched Importer Ltd\", \"reason\": \"test\"}");
            assertThat(w.status()).as(w.toString()).isEqualTo(201);
            String body = example(lrn()).replace("{\"role\": \"IMPORTER\", \"id\": \"GB123456789000\"",
                    "{\"role\": \"IMPORTER\", \"id\": \"" + watched + "\"");
            ApiClient.Response r2 = api.post("/api/v1/declarations", trader, JSON, body);
            assertThat(r2.json().get("channel").asText()).isEqualTo("RED");
            assertThat(r2.json().get("status").asText()).isEqualTo("UNDER_CONTROL");
            id = r2.json().get("id").asText();
        }
        // under control the declarant can no longer cancel (control is final for the declarant); an officer can
        assertThat(api.post("/api/v1/declarations/" + id + "/cancel", trader, JSON, "{}").status()).isEqualTo(409);
        ApiClient.Response c = api.post("/api/v1/declarations/" + id + "/cancel", officer, JSON, "{\"reason\": \"shipment lost\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        assertThat(c.json().get("status").asText()).isEqualTo("CANCELLED");
        ApiClient.Response again = api.post("/api/v1/declarations/" + id + "/cancel", trader, JSON, "{}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void batchAcceptsGoodRowsAndReportsBadOnes() {
        String good = example(lrn());
        String bad = example(lrn()).replace("\"netMassKg\": 100,", "\"netMassKg\": -100,");
        ApiClient.Response r = api.post("/api/v1/declarations/batch", trader, JSON, "[" + good + "," + bad + "]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejections").get(0).get("row").asInt()).isEqualTo(2);
    }

    /**
     * A batch sent again (as after an interrupted upload) finds every row already stored by its declarant + LRN: each
     * is a duplicate answered with the id it was stored under, and nothing is stored twice; a new
     * row in the same batch is still accepted.
     */
    @Test
    void aBatchSentAgainFindsEveryStoredRowByItsLrn() {
        List<String> lrns = new ArrayList<>();
        for (int i = 0; i < 7; i++) lrns.add(lrn());
        String first = lrns.stream().map(AbstractIntakeApiTest::example).collect(java.util.stream.Collectors.joining(",", "[", "]"));
        ApiClient.Response r1 = api.post("/api/v1/declarations/batch", trader, JSON, first);
        assertThat(r1.status()).as(r1.toString()).isEqualTo(200);
        assertThat(r1.json().get("accepted").asInt()).isEqualTo(7);
        List<String> ids = new ArrayList<>();
        r1.json().get("ids").forEach(n -> ids.add(n.asText()));

        String extra = lrn();
        String again = java.util.stream.Stream.concat(lrns.stream(), java.util.stream.Stream.of(extra))
                .map(AbstractIntakeApiTest::example).collect(java.util.stream.Collectors.joining(",", "[", "]"));
        ApiClient.Response r2 = api.post("/api/v1/declarations/batch", trader, JSON, again);
        assertThat(r2.status()).as(r2.toString()).isEqualTo(200);
        assertThat(r2.json().get("duplicates").asInt()).isEqualTo(7);
        assertThat(r2.json().get("accepted").asInt()).isEqualTo(1);
        List<String> ids2 = new ArrayList<>();
        r2.json().get("ids").forEach(n -> ids2.add(n.asText()));
        assertThat(ids2).hasSize(8).containsAll(ids).doesNotHaveDuplicates();
        JsonNode list = api.get("/api/v1/declarations?declarant=GB123456789000&size=500", officer).json();
        for (String l : lrns) assertThat(list.get("items").findValuesAsText("lrn")).containsOnlyOnce(l);
    }

    /**
     * Single submissions at the same time (as under load): each is its own transaction, assessed and scored before
     * it; every distinct LRN is stored once with its whole audit trail, the same LRN sent several times at once is
     * stored once (one 201, the others 200 with its id), and the audit chain verifies with every entry on it.
     */
    @Test
    void concurrentSingleSubmissionsAreEachStoredOnceAndAudited() throws Exception {
        List<String> lrns = new ArrayList<>();
        for (int i = 0; i < 24; i++) lrns.add(lrn());
        String shared = lrn();
        List<String> bodies = new ArrayList<>();
        for (String l : lrns) bodies.add(example(l));
        for (int i = 0; i < 6; i++) bodies.add(example(shared));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<ApiClient.Response> answers;
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ApiClient.Response>> sent = new ArrayList<>();
            for (String b : bodies) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/v1/declarations", trader, JSON, b);
                }));
            }
            go.countDown();
            answers = new ArrayList<>();
            for (java.util.concurrent.Future<ApiClient.Response> f : sent) answers.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < lrns.size(); i++) {
            ApiClient.Response r = answers.get(i);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().get("lrn").asText()).isEqualTo(lrns.get(i));
            ids.add(r.json().get("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
        List<ApiClient.Response> same = answers.subList(lrns.size(), answers.size());
        assertThat(same).extracting(ApiClient.Response::status).containsOnly(200, 201);
        assertThat(same).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(same).extracting(r -> r.json().get("id").asText()).containsOnly(same.get(0).json().get("id").asText());
        ids.add(same.get(0).json().get("id").asText());
        JsonNode list = api.get("/api/v1/declarations?declarant=GB123456789000&size=500", officer).json();
        assertThat(list.get("items").findValuesAsText("lrn")).containsOnlyOnce(shared);

        for (String id : ids) {
            List<String> actions = auditLog.find(null, null, id, 0, 50).items().stream().map(e -> e.action()).toList();
            assertThat(actions).as("audit trail of " + id).contains("DECLARATION_SUBMITTED", "CHANNEL_DECISION");
            assertThat(actions).filteredOn("DECLARATION_SUBMITTED"::equals).hasSize(1);
        }
        assertThat(verifier.verify().ok()).isTrue();
        // the submissions of the shared LRN that lost left nothing behind: one declaration, one submission entry
        assertThat(jdbc.queryForObject("SELECT count(*) FROM declaration WHERE lrn = ?", Integer.class, shared)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT (SELECT count(*) FROM audit_event WHERE action = 'DECLARATION_SUBMITTED' AND details LIKE ?)"
                + " + (SELECT count(*) FROM audit_journal WHERE action = 'DECLARATION_SUBMITTED' AND details LIKE ?)", Integer.class,
                "%\"" + shared + "\"%", "%\"" + shared + "\"%")).isEqualTo(1);
    }

    @Test
    void listFiltersByStatus() {
        api.post("/api/v1/declarations", trader, JSON, example(lrn()));
        JsonNode cancelled = api.get("/api/v1/declarations?status=CANCELLED&size=500", trader).json();
        assertThat(cancelled.get("items").findValuesAsText("status")).allMatch("CANCELLED"::equals);
        ApiClient.Response bad = api.get("/api/v1/declarations?status=NOPE", trader);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }
}
