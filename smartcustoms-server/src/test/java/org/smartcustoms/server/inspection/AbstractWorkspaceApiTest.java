package org.smartcustoms.server.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditEntry;
import org.smartcustoms.server.audit.AuditVerifier;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The officer's workspace end to end over HTTP: inspection results, overrides, worklist, dashboard, roles and
 * the audit chain (including tampering). Subclasses run it on H2 and on the real PostgreSQL.
 */
@ApiTest
abstract class AbstractWorkspaceApiTest extends ApiTestSupport {

    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    AuditVerifier verifier;

    WorkspaceFixtures fx;
    String trader, officer, analyst, auditor;
    String officerName;
    String office;

    @BeforeEach
    void setUp() {
        fx = new WorkspaceFixtures(intake, jdbc);
        String s = TestUsers.unique();
        trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        officerName = "officer-" + s;
        officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        analyst = TestUsers.token(users, Role.ANALYST, null);
        auditor = TestUsers.token(users, Role.AUDITOR, null);
        office = "T" + s.toUpperCase();
    }

    private ApiClient.Response post(String path, String token, String body) {
        return api.post(path, token, JSON, body);
    }

    private JsonNode dashboard() {
        ApiClient.Response r = api.get("/api/v1/dashboard?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1), officer);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void recordedResultReleasesAndCountsOnTheDashboard() {
        String rule = "T" + UUID.randomUUID().toString().substring(0, 8) + "@3";
        JsonNode before = dashboard();
        String id = fx.declare("GB000000000001", office);
        fx.underControl(id, 85, "RED", List.of(rule));

        ApiClient.Response r = post("/api/v1/declarations/" + id + "/inspection", officer, """
                {"outcome": "UNDERVALUATION", "additionalDuty": {"amount": 123.45, "currency": "EUR"},
                 "seizure": {"goods": "T-shirts", "quantity": 10, "unit": "KGM", "concealment": "false invoice", "location": "Warehouse 4"},
                 "notes": "invoice shows a third of the market price", "decision": "RELEASE"}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode res = r.json();
        assertThat(res.get("outcome").asText()).isEqualTo("UNDERVALUATION");
        assertThat(res.get("additionalDuty").get("amount").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(res.get("seizure").get("quantity").decimalValue()).isEqualByComparingTo("10");
        assertThat(res.get("declarationStatus").asText()).isEqualTo("RELEASED");
        assertThat(res.get("officer").asText()).isEqualTo(officerName);
        assertThat(fx.status(id)).isEqualTo(DeclarationStatus.RELEASED);

        JsonNode list = api.get("/api/v1/declarations/" + id + "/inspections", analyst).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("notes").asText()).contains("third");

        JsonNode after = dashboard();
        assertThat(after.get("hitRatePerChannel").get("RED").get("inspected").asLong())
                .isEqualTo(before.get("hitRatePerChannel").get("RED").get("inspected").asLong() + 1);
        assertThat(after.get("hitRatePerChannel").get("RED").get("irregular").asLong())
                .isEqualTo(before.get("hitRatePerChannel").get("RED").get("irregular").asLong() + 1);
        assertThat(after.get("channelMix").get("RED").asLong()).isEqualTo(before.get("channelMix").get("RED").asLong() + 1);
        assertThat(after.get("revenueRecovered").get("amount").decimalValue())
                .isEqualByComparingTo(before.get("revenueRecovered").get("amount").decimalValue().add(new java.math.BigDecimal("123.45")));
        assertThat(after.get("revenueRecovered").get("currency").asText()).isEqualTo("EUR");
        assertThat(after.get("releaseTime").get("count").asLong()).isEqualTo(before.get("releaseTime").get("count").asLong() + 1);
        long perDayBefore = 0, perDayAfter = 0;
        for (JsonNode d : before.get("perDay")) perDayBefore += d.get("count").asLong();
        for (JsonNode d : after.get("perDay")) perDayAfter += d.get("count").asLong();
        assertThat(perDayAfter).isEqualTo(perDayBefore + 1);
        JsonNode ruleRow = null;
        for (JsonNode n : after.get("hitRatePerRule")) if (n.get("rule").asText().equals(rule)) ruleRow = n;
        assertThat(ruleRow).as("rule %s in %s", rule, after.get("hitRatePerRule")).isNotNull();
        assertThat(ruleRow.get("hits").asLong()).isEqualTo(1);
        assertThat(ruleRow.get("inspected").asLong()).isEqualTo(1);
        assertThat(ruleRow.get("irregular").asLong()).isEqualTo(1);
        assertThat(ruleRow.get("rate").asDouble()).isEqualTo(1.0);

        JsonNode audit = api.get("/api/v1/audit?action=RESULT_RECORDED&subjectId=" + id, auditor).json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        JsonNode e = audit.get("items").get(0);
        assertThat(e.get("actor").asText()).isEqualTo(officerName);
        assertThat(e.get("details").get("outcome").asText()).isEqualTo("UNDERVALUATION");
        assertThat(e.get("details").get("statusAfter").asText()).isEqualTo("RELEASED");
        assertThat(e.get("hash").asText()).hasSize(64);

        // released goods cannot get another result
        ApiClient.Response again = post("/api/v1/declarations/" + id + "/inspection", officer,
                "{\"outcome\": \"NO_IRREGULARITY\", \"decision\": \"RELEASE\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void keepUnderControlMovesAnAcceptedDeclarationUnderControl() {
        String id = fx.declare("GB000000000002", office);
        fx.risk(id, 40, "YELLOW", List.of());
        fx.force(id, DeclarationStatus.ACCEPTED);
        ApiClient.Response r = post("/api/v1/declarations/" + id + "/inspection", officer,
                "{\"outcome\": \"prohibited_goods\", \"seizure\": {\"goods\": \"ivory\", \"quantity\": 2.5, \"unit\": \"KGM\"}, \"decision\": \"KEEP_UNDER_CONTROL\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("declarationStatus").asText()).isEqualTo("UNDER_CONTROL");
        assertThat(fx.status(id)).isEqualTo(DeclarationStatus.UNDER_CONTROL);
    }

    @Test
    void invalidResultsAreProblems() {
        String id = fx.declare("GB000000000003", office);
        fx.underControl(id, 50, "YELLOW", List.of());
        Map<String, String> bad = Map.of(
                "{\"decision\": \"RELEASE\"}", "outcome is required",
                "{\"outcome\": \"SMUGGLING\", \"decision\": \"RELEASE\"}", "unknown outcome",
                "{\"outcome\": \"UNDERVALUATION\", \"additionalDuty\": {\"amount\": -1, \"currency\": \"EUR\"}, \"decision\": \"RELEASE\"}", "must not be negative",
                "{\"outcome\": \"UNDERVALUATION\", \"additionalDuty\": {\"amount\": 5, \"currency\": \"euro\"}, \"decision\": \"RELEASE\"}", "currency",
                "{\"outcome\": \"OTHER\", \"seizure\": {\"goods\": \"x\", \"quantity\": 0}, \"decision\": \"RELEASE\"}", "seizure.quantity must be greater than 0",
                "{\"outcome\": \"OTHER\"}", "decision is required");
        bad.forEach((body, message) -> {
            ApiClient.Response r = post("/api/v1/declarations/" + id + "/inspection", officer, body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains(message);
        });
        assertThat(api.get("/api/v1/declarations/" + id + "/inspections", officer).json()).isEmpty();
        assertThat(fx.status(id)).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        assertThat(post("/api/v1/declarations/NOPE/inspection", officer, "{\"outcome\": \"OTHER\", \"decision\": \"RELEASE\"}").status()).isEqualTo(404);
    }

    @Test
    void overrideNeedsAReasonKeepsTheScoreAndIsAudited() {
        String id = fx.declare("GB000000000004", office);
        fx.risk(id, 12, "GREEN", List.of());
        fx.force(id, DeclarationStatus.ACCEPTED);

        ApiClient.Response noReason = post("/api/v1/declarations/" + id + "/override", officer, "{\"channel\": \"RED\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().get("detail").asText()).contains("reason");
        assertThat(post("/api/v1/declarations/" + id + "/override", officer, "{\"channel\": \"RED\", \"reason\": \"  \"}").status()).isEqualTo(400);
        assertThat(post("/api/v1/declarations/" + id + "/override", officer, "{\"channel\": \"BLUE\", \"reason\": \"x\"}").status()).isEqualTo(400);
        assertThat(intake.store().find(id).orElseThrow().riskChannel()).isEqualTo("GREEN");

        ApiClient.Response red = post("/api/v1/declarations/" + id + "/override", officer,
                "{\"channel\": \"RED\", \"reason\": \"intelligence report 2026/114\"}");
        assertThat(red.status()).as(red.toString()).isEqualTo(200);
        assertThat(red.json().get("previousChannel").asText()).isEqualTo("GREEN");
        assertThat(red.json().get("status").asText()).isEqualTo("UNDER_CONTROL");
        var stored = intake.store().find(id).orElseThrow();
        assertThat(stored.riskChannel()).isEqualTo("RED");
        assertThat(stored.riskScore()).isEqualTo(12);
        assertThat(stored.status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);

        ApiClient.Response green = post("/api/v1/declarations/" + id + "/override", officer,
                "{\"channel\": \"GREEN\", \"reason\": \"documents verified by phone with the exporter\"}");
        assertThat(green.status()).isEqualTo(200);
        assertThat(fx.status(id)).isEqualTo(DeclarationStatus.RELEASED);
        assertThat(post("/api/v1/declarations/" + id + "/override", officer, "{\"channel\": \"RED\", \"reason\": \"late\"}").status()).isEqualTo(409);

        JsonNode audit = api.get("/api/v1/audit?action=OFFICER_OVERRIDE&subjectId=" + id, ADMIN).json();
        assertThat(audit.get("total").asLong()).isEqualTo(2);
        assertThat(audit.get("items").get(0).get("reason").asText()).isEqualTo("documents verified by phone with the exporter");
        assertThat(audit.get("items").get(1).get("details").get("from").asText()).isEqualTo("GREEN");
        assertThat(audit.get("items").get(1).get("details").get("to").asText()).isEqualTo("RED");
    }

    @Test
    void rolesAreEnforced() {
        String id = fx.declare("GB000000000005", office);
        fx.underControl(id, 50, "RED", List.of());
        String result = "{\"outcome\": \"OTHER\", \"decision\": \"RELEASE\"}";
        for (String path : List.of("/api/v1/worklist", "/api/v1/audit", "/api/v1/dashboard", "/api/v1/post-clearance/declarations",
                "/api/v1/declarations/" + id + "/inspections")) {
            ApiClient.Response r = api.get(path, trader);
            assertThat(r.status()).as("trader GET " + path).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(post("/api/v1/declarations/" + id + "/inspection", trader, result).status()).isEqualTo(403);
        assertThat(post("/api/v1/declarations/" + id + "/override", trader, "{\"channel\": \"GREEN\", \"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", officer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/verify", officer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/post-clearance/companies", officer).status()).isEqualTo(403);
        assertThat(post("/api/v1/models/retrain", officer, "").status()).isEqualTo(403);
        assertThat(post("/api/v1/declarations/" + id + "/inspection", analyst, result).status()).isEqualTo(403);
        assertThat(post("/api/v1/declarations/" + id + "/inspection", auditor, result).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/worklist", auditor).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/worklist", analyst).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit", auditor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/post-clearance/declarations", auditor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/dashboard", auditor).status()).isEqualTo(200);
        assertThat(fx.status(id)).isEqualTo(DeclarationStatus.UNDER_CONTROL);
    }

    @Test
    void worklistIsRankedByRiskAndFiltered() {
        String low = fx.declare("GB000000000006", office);
        String high = fx.declare("GB000000000007", office);
        String mid = fx.declare("GB000000000006", office, LocalDate.now(), "853952", "CN", "900", "30");
        String released = fx.declare("GB000000000006", office);
        fx.underControl(low, 31, "YELLOW", List.of());
        fx.underControl(high, 93, "RED", List.of());
        fx.underControl(mid, 64, "RED", List.of());
        fx.released(released, 99, "GREEN");

        JsonNode all = api.get("/api/v1/worklist?office=" + office, officer).json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("items").findValuesAsText("id")).containsExactly(high, mid, low);
        assertThat(all.get("items").get(0).get("riskScore").asInt()).isEqualTo(93);
        assertThat(all.get("items").get(0).get("channel").asText()).isEqualTo("RED");

        assertThat(api.get("/api/v1/worklist?office=" + office + "&channel=red", officer).json().get("items").findValuesAsText("id"))
                .containsExactly(high, mid);
        assertThat(api.get("/api/v1/worklist?office=" + office + "&importer=GB000000000006", officer).json().get("items").findValuesAsText("id"))
                .containsExactly(mid, low);
        assertThat(api.get("/api/v1/worklist?office=" + office + "&hsChapter=85", officer).json().get("items").findValuesAsText("id"))
                .containsExactly(mid);
        // prefixes at the edges of the code's range (853952): longer, carried past a 9, and a neighbour
        assertThat(api.get("/api/v1/worklist?office=" + office + "&hsChapter=853952", officer).json().get("items").findValuesAsText("id"))
                .containsExactly(mid);
        assertThat(api.get("/api/v1/worklist?office=" + office + "&hsChapter=8539529", officer).json().get("items").findValuesAsText("id"))
                .isEmpty();
        assertThat(api.get("/api/v1/worklist?office=" + office + "&hsChapter=8529", officer).json().get("items").findValuesAsText("id"))
                .isEmpty();
        assertThat(api.get("/api/v1/worklist?office=" + office + "&hsChapter=853953", officer).json().get("items").findValuesAsText("id"))
                .isEmpty();
        JsonNode page2 = api.get("/api/v1/worklist?office=" + office + "&size=2&page=1", officer).json();
        assertThat(page2.get("items").findValuesAsText("id")).containsExactly(low);
        assertThat(api.get("/api/v1/worklist?channel=PURPLE", officer).status()).isEqualTo(400);
    }

    @Test
    void verifyNamesTheFirstEditedOrDeletedEntry() {
        List<AuditEntry> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(trail.append("tester", AuditAction.RULE_CHANGED, AuditSubject.RULE, "R" + i, "reason " + i, "{\"i\": " + i + "}"));
        }
        assertThat(verifier.verify().ok()).isTrue();
        JsonNode ok = api.get("/api/v1/audit/verify", auditor).json();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(4);

        AuditEntry edited = mine.get(1);
        jdbc.update("UPDATE audit_event SET reason = ? WHERE seq = ?", "nothing to see here", edited.seq());
        try {
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(edited.seq());
            assertThat(r.reason()).isEqualTo(AuditVerifier.EDITED);
            JsonNode viaApi = api.get("/api/v1/audit/verify", ADMIN).json();
            assertThat(viaApi.get("ok").asBoolean()).isFalse();
            assertThat(viaApi.get("firstBrokenSeq").asLong()).isEqualTo(edited.seq());
        } finally {
            jdbc.update("UPDATE audit_event SET reason = ? WHERE seq = ?", edited.reason(), edited.seq());
        }
        assertThat(verifier.verify().ok()).isTrue();

        AuditEntry deleted = mine.get(2);
        jdbc.update("DELETE FROM audit_event WHERE seq = ?", deleted.seq());
        try {
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(deleted.seq() + 1);
            assertThat(r.reason()).isEqualTo(AuditVerifier.RELINKED);
            assertThat(r.message()).contains("seq " + (deleted.seq() + 1));
        } finally {
            restore(deleted);
        }
        assertThat(verifier.verify().ok()).isTrue();

        AuditEntry last = mine.get(3);
        jdbc.update("DELETE FROM audit_event WHERE seq = ?", last.seq());
        try {
            AuditVerifier.Result r = verifier.verify();
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBrokenSeq()).isEqualTo(last.seq());
            assertThat(r.reason()).isEqualTo(AuditVerifier.TRUNCATED);
        } finally {
            restore(last);
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    private void restore(AuditEntry e) {
        jdbc.update("INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, reason, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.seq(), java.time.LocalDateTime.ofInstant(e.at(), java.time.ZoneOffset.UTC), e.actor(), e.action(), e.subjectType(),
                e.subjectId(), e.reason(), e.details(), e.prevHash(), e.hash());
    }

    @Test
    void concurrentAppendsNeverForkTheChain() throws Exception {
        auditLog.chainPending();
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) trail.record("t" + thread, AuditAction.WATCHLIST_CHANGED, AuditSubject.WATCHLIST, "W" + i, null, null);
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        AuditVerifier.Result r = verifier.verify();
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class)).isEqualTo(before + 100);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM audit_event", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class));
    }
}
