package org.smartcustoms.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 9, findings 1–3 and the PostgreSQL duplicate-LRN race, over HTTP as traders and officers use the API:
 * nobody touches another trader's declaration, control is final for the declarant, and concurrent amendments and
 * cancellations leave histories that follow the transition table. Subclasses run it on H2 and on PostgreSQL.
 */
@ApiTest
abstract class AbstractLifecycleIntegrityTest extends ApiTestSupport {
    static final String PARTY_A = "GB123456789000";
    static final String PARTY_B = "GB555555555000";

    String traderA;
    String traderB;
    String officer;
    String auditor;

    @BeforeEach
    void setUp() {
        traderA = TestUsers.token(users, Role.TRADER, PARTY_A);
        traderB = TestUsers.token(users, Role.TRADER, PARTY_B);
        officer = TestUsers.token(users, Role.OFFICER, null);
        auditor = TestUsers.token(users, Role.AUDITOR, null);
    }

    static String body(String lrn, String declarant) {
        try (InputStream in = AbstractLifecycleIntegrityTest.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LRN-TEST-0001", lrn)
                    .replace("\"GB123456789000\"", "\"" + declarant + "\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String amendment(String lrn, String declarant, String referencedId) {
        return body(lrn, declarant).replace("\"functionCode\": \"9\"", "\"functionCode\": \"13\", \"referencedId\": \"" + referencedId + "\"");
    }

    static String lrn() {
        return "LRN-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A declaration of {@code party} sent to control (RED) because its importer is watch-listed. */
    String underControl(String token, String party) {
        String watched = "GB" + (100000000000L + (long) (Math.random() * 899999999999L));
        ApiClient.Response w = api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\": \"W-" + watched
                + "\", \"partyId\": \"" + watched + "\", \"name\": \"Watched Importer Ltd\", \"reason\": \"suspected smuggling ring\"}");
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        String b = body(lrn(), party).replace("{\"role\": \"IMPORTER\", \"id\": \"" + party + "\"",
                "{\"role\": \"IMPORTER\", \"id\": \"" + watched + "\"");
        ApiClient.Response r = api.post("/api/v1/declarations", token, JSON, b);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("UNDER_CONTROL");
        assertThat(r.json().get("channel").asText()).isEqualTo("RED");
        return r.json().get("id").asText();
    }

    StoredDeclaration stored(String id) {
        return intake.store().find(id).orElseThrow();
    }

    static String detailWithoutId(ApiClient.Response r, String id) {
        return r.json().get("detail").asText().replace(id, "<id>");
    }

    @Test
    void aTraderCannotAmendOrCancelAnotherTradersDeclarationAndCannotTellItExists() {
        String lrnB = lrn();
        ApiClient.Response b = api.post("/api/v1/declarations", traderB, JSON, body(lrnB, PARTY_B));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        String idB = b.json().get("id").asText();
        StoredDeclaration before = stored(idB);
        String missing = "26SC" + "ZZZZZZZZZZZZZZ";

        // amendment referencing B's id (and B's LRN) from A: answers exactly like a declaration that does not exist
        ApiClient.Response amendById = api.post("/api/v1/declarations", traderA, JSON,
                amendment(lrn(), PARTY_A, idB).replace("\"netMassKg\": 800.5", "\"netMassKg\": 1.0"));
        ApiClient.Response amendMissing = api.post("/api/v1/declarations", traderA, JSON, amendment(lrn(), PARTY_A, missing));
        assertThat(amendById.status()).as(amendById.toString()).isEqualTo(404);
        assertThat(amendMissing.status()).isEqualTo(404);
        assertThat(detailWithoutId(amendById, idB)).isEqualTo(detailWithoutId(amendMissing, missing));
        ApiClient.Response amendByLrn = api.post("/api/v1/declarations", traderA, JSON, amendment(lrn(), PARTY_A, lrnB));
        assertThat(amendByLrn.status()).as(amendByLrn.toString()).isEqualTo(404);

        // an amendment without a declarant (WCO messages carry only what changes) is the submitting trader's own
        String noDeclarant = amendment(lrn(), PARTY_A, idB).replaceAll("\\{\"role\": \"DECLARANT\"[^}]*\\},\\s*", "");
        assertThat(noDeclarant).doesNotContain("DECLARANT");
        ApiClient.Response amendAnonymous = api.post("/api/v1/declarations", traderA, JSON, noDeclarant);
        assertThat(amendAnonymous.status()).as(amendAnonymous.toString()).isEqualTo(404);
        String ownNoDeclarant = amendment(lrn(), PARTY_B, idB).replaceAll("\\{\"role\": \"DECLARANT\"[^}]*\\},\\s*", "");
        ApiClient.Response ownAnonymous = api.post("/api/v1/declarations", traderB, JSON, ownNoDeclarant);
        assertThat(ownAnonymous.status()).as(ownAnonymous.toString()).isIn(200, 409); // B's own: applied, or refused under control
        before = stored(idB);

        // cancellation message and cancel endpoint
        ApiClient.Response cancelMsg = api.post("/api/v1/declarations", traderA, JSON,
                body(lrn(), PARTY_A).replace("\"functionCode\": \"9\"", "\"functionCode\": \"1\", \"referencedId\": \"" + idB + "\""));
        assertThat(cancelMsg.status()).as(cancelMsg.toString()).isEqualTo(404);
        ApiClient.Response cancel = api.post("/api/v1/declarations/" + idB + "/cancel", traderA, JSON, "{}");
        ApiClient.Response cancelMissing = api.post("/api/v1/declarations/" + missing + "/cancel", traderA, JSON, "{}");
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(detailWithoutId(cancel, idB)).isEqualTo(detailWithoutId(cancelMissing, missing));

        // the same through the batch endpoint
        ApiClient.Response batch = api.post("/api/v1/declarations/batch", traderA, JSON,
                "[" + amendment(lrn(), PARTY_A, idB).replace("\"netMassKg\": 800.5", "\"netMassKg\": 1.0") + "]");
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().get("accepted").asInt()).isZero();
        assertThat(batch.json().get("rejected").asInt()).isEqualTo(1);

        // a message naming B as declarant is refused outright for A
        ApiClient.Response asB = api.post("/api/v1/declarations", traderA, JSON, amendment(lrn(), PARTY_B, idB));
        assertThat(asB.status()).isEqualTo(422);

        StoredDeclaration after = stored(idB);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.declaration()).isEqualTo(before.declaration());
        assertThat(after.history()).hasSameSizeAs(before.history());
    }

    @Test
    void aDeclarationUnderControlCannotWalkOutByAmendmentOrCancellation() {
        String id = underControl(traderA, PARTY_A);
        StoredDeclaration before = stored(id);
        // rename the watch-listed importer, exporter and seller: refused, nothing changes
        String walkOut = amendment(lrn(), PARTY_A, id).replace("Shenzhen Bright Lighting Co., Ltd.", "Clean Trading Ltd")
                .replace("\"CN9988776655\"", "\"CN1111111111\"");
        ApiClient.Response r = api.post("/api/v1/declarations", traderA, JSON, walkOut);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        ApiClient.Response c = api.post("/api/v1/declarations/" + id + "/cancel", traderA, JSON, "{}");
        assertThat(c.status()).as(c.toString()).isEqualTo(409);
        ApiClient.Response cm = api.post("/api/v1/declarations", traderA, JSON,
                body(lrn(), PARTY_A).replace("\"functionCode\": \"9\"", "\"functionCode\": \"1\", \"referencedId\": \"" + id + "\""));
        assertThat(cm.status()).isEqualTo(409);

        StoredDeclaration after = stored(id);
        assertThat(after.status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        assertThat(after.riskChannel()).isEqualTo("RED");
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.declaration()).isEqualTo(before.declaration());
        // the attempts are audited and shown to the officer in the history
        JsonNode audit = api.get("/api/v1/audit?subjectId=" + id + "&size=100", ADMIN).json();
        assertThat(audit.get("items").findValuesAsText("action")).contains("AMENDMENT_REFUSED", "CANCELLATION_REFUSED");
        JsonNode asOfficer = api.get("/api/v1/declarations/" + id, officer).json();
        assertThat(asOfficer.get("history").findValuesAsText("reason")).anyMatch(t -> t.contains("tried to amend"));
        JsonNode asTrader = api.get("/api/v1/declarations/" + id, traderA).json();
        assertThat(asTrader.get("history").findValuesAsText("reason"))
                .contains("Your amendment or cancellation was refused: the declaration is under control")
                .noneMatch(t -> t.contains("tried to"));

        // an officer authorises one correction: accepted, still under control, channel not lowered
        ApiClient.Response auth = api.post("/api/v1/declarations/" + id + "/correction-authorisation", officer, JSON,
                "{\"reason\": \"invoice value to be corrected\"}");
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        ApiClient.Response fixed = api.post("/api/v1/declarations", traderA, JSON, walkOut);
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        StoredDeclaration corrected = stored(id);
        assertThat(corrected.version()).isEqualTo(before.version() + 1);
        assertThat(corrected.status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        assertThat(corrected.riskChannel()).isEqualTo("RED");
        assertThat(corrected.correctionAuthorisedBy()).isNull();
        assertThat(api.get("/api/v1/declarations/" + id, traderA).json().get("history").findValuesAsText("reason"))
                .contains("Amendment accepted; the declaration stays under control");
        // the authorisation was for one correction only
        assertThat(api.post("/api/v1/declarations", traderA, JSON, walkOut).status()).isEqualTo(409);
        // a trader cannot authorise; an officer can cancel under control
        assertThat(api.post("/api/v1/declarations/" + id + "/correction-authorisation", traderA, JSON, "{\"reason\": \"x\"}").status())
                .isEqualTo(403);
        ApiClient.Response oc = api.post("/api/v1/declarations/" + id + "/cancel", officer, JSON, "{\"reason\": \"goods abandoned\"}");
        assertThat(oc.status()).as(oc.toString()).isEqualTo(200);
        assertThat(stored(id).status()).isEqualTo(DeclarationStatus.CANCELLED);
        assertValidHistory(id);
    }

    @Test
    void anAmendmentAfterReleaseBecomesAPostClearanceCorrection() {
        String lrn = lrn();
        ApiClient.Response r = api.post("/api/v1/declarations", traderA, JSON, body(lrn, PARTY_A));
        String id = r.json().get("id").asText();
        if (!r.json().get("status").asText().equals("RELEASED")) {
            ApiClient.Response release = api.post("/api/v1/declarations/" + id + "/override", officer, JSON,
                    "{\"channel\": \"GREEN\", \"reason\": \"documents checked\"}");
            assertThat(release.status()).as(release.toString()).isEqualTo(200);
        }
        String channel = stored(id).riskChannel();
        ApiClient.Response a = api.post("/api/v1/declarations", traderA, JSON, amendment(lrn, PARTY_A, id)
                .replace("\"amount\": 10000.00", "\"amount\": 20000.00"));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        StoredDeclaration after = stored(id);
        assertThat(after.status()).isEqualTo(DeclarationStatus.RELEASED);
        assertThat(after.riskChannel()).isEqualTo(channel);
        assertThat(after.version()).isEqualTo(2);
        JsonNode queue = api.get("/api/v1/post-clearance/corrections", auditor).json();
        JsonNode mine = null;
        for (JsonNode c : queue) if (c.get("declarationId").asText().equals(id)) mine = c;
        assertThat(mine).as(queue.toString()).isNotNull();
        assertThat(mine.get("version").asInt()).isEqualTo(2);
        assertThat(mine.get("status").asText()).isEqualTo("OPEN");
        if (after.assessment() != null && after.assessment().complete()) {
            assertThat(mine.get("difference").decimalValue().signum()).isPositive();
        }
        assertThat(api.get("/api/v1/post-clearance/corrections", traderA).status()).isEqualTo(403);
        assertValidHistory(id);
    }

    @Test
    void concurrentAmendmentsAndCancellationsKeepTheLifecycle() throws Exception {
        // released: amendments race for the next version number, the declarant's cancellations must all be refused
        String lrn = lrn();
        String released = api.post("/api/v1/declarations", traderA, JSON, body(lrn, PARTY_A)).json().get("id").asText();
        if (stored(released).status() != DeclarationStatus.RELEASED) {
            api.post("/api/v1/declarations/" + released + "/override", officer, JSON, "{\"channel\": \"GREEN\", \"reason\": \"ok\"}");
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String amend = amendment(lrn, PARTY_A, released).replace("\"netMassKg\": 800.5", "\"netMassKg\": " + (801 + i));
            calls.add(() -> api.post("/api/v1/declarations", traderA, JSON, amend).status());
            calls.add(() -> api.post("/api/v1/declarations/" + released + "/cancel", traderA, JSON, "{}").status());
        }
        List<Integer> statuses = runTogether(calls);
        assertThat(statuses).allMatch(s -> s < 500);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(stored(released).version()).isEqualTo(11);
        assertThat(stored(released).status()).isEqualTo(DeclarationStatus.RELEASED);
        assertThat(intake.store().versions(released)).hasSize(11);
        assertValidHistory(released);

        // under control with one correction authorised: amendments and an officer's cancellations race
        String controlled = underControl(traderA, PARTY_A);
        String lrnC = stored(controlled).declaration().lrn();
        api.post("/api/v1/declarations/" + controlled + "/correction-authorisation", officer, JSON, "{\"reason\": \"fix value\"}");
        calls.clear();
        for (int i = 0; i < 10; i++) {
            String amend = amendment(lrnC, PARTY_A, controlled).replace("\"netMassKg\": 800.5", "\"netMassKg\": " + (801 + i));
            calls.add(() -> api.post("/api/v1/declarations", traderA, JSON, amend).status());
            calls.add(() -> api.post("/api/v1/declarations/" + controlled + "/cancel", officer, JSON, "{\"reason\": \"r\"}").status());
        }
        statuses = runTogether(calls);
        assertThat(statuses).allMatch(s -> s < 500);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(1L, 2L); // one cancellation, at most one amendment
        assertThat(stored(controlled).status()).isEqualTo(DeclarationStatus.CANCELLED);
        assertThat(stored(controlled).version()).isLessThanOrEqualTo(2);
        assertValidHistory(controlled);
    }

    @Test
    void concurrentSubmissionsOfOneLrnAllGetTheSameDeclaration() throws Exception {
        String lrn = lrn();
        String b = body(lrn, PARTY_A);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> {
                ApiClient.Response r = api.post("/api/v1/declarations", traderA, JSON, b);
                if (r.status() < 300) ids.add(r.json().get("id").asText());
                return r.status();
            });
        }
        List<Integer> statuses = runTogether(calls);
        assertThat(statuses).as(statuses.toString()).allMatch(s -> s == 200 || s == 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(ids).hasSize(1);
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE declarant_id = ? AND lrn = ?", Integer.class, PARTY_A, lrn);
        assertThat(rows).isEqualTo(1);
    }

    static List<Integer> runTogether(List<Callable<Integer>> calls) throws Exception {
        List<Callable<Integer>> shuffled = new ArrayList<>(calls);
        Collections.shuffle(shuffled);
        ExecutorService pool = Executors.newFixedThreadPool(shuffled.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> c : shuffled) futures.add(pool.submit(() -> {
                start.await();
                return c.call();
            }));
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The stored history starts with SUBMITTED, every step is allowed by the table, and the status is its last entry. */
    void assertValidHistory(String id) {
        LifecycleChecks.assertValidHistory(stored(id));
    }
}
