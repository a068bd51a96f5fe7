package org.smartcustoms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.TestClock;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.audit.AuditEntry;
import org.smartcustoms.server.audit.AuditVerifier;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 9 end to end over HTTP: password guessing is throttled (429 + Retry-After, unknown usernames alike),
 * tokens expire and can be listed and revoked by administrators, logout revokes, and every user administration,
 * rule / watch-list change and export is in the audit trail (which still verifies). Time moves with the shared
 * {@link TestClock}, never by waiting, and returns to system time after each test. Subclasses run it on H2 and on the
 * real PostgreSQL.
 */
@ApiTest
abstract class AbstractAuthSecurityApiTest extends ApiTestSupport {
    static final String BOOTSTRAP = "test-bootstrap-token";
    static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    TestClock clock;
    @Autowired
    RiskService risk;
    String suffix;
    String admin;
    String adminName;

    @BeforeEach
    void setUp() {
        // every login counter (per user and per address, all tests come from 127.0.0.1) starts afresh: an hour after
        // the latest instant any earlier test moved the clock to
        clock.advance(Duration.ofHours(1));
        suffix = TestUsers.unique();
        adminName = "admin-" + suffix;
        admin = TestUsers.token(users, adminName, Role.ADMIN, null);
    }

    @AfterEach
    void systemTimeAgain() {
        clock.reset();
    }

    // ---- 1. password guessing -------------------------------------------------------------------------------

    @Test
    void fiveWrongPasswordsLockTheUsernameFor15MinutesWith429AndRetryAfter() throws Exception {
        String name = "victim-" + suffix;
        users.create(name, PASSWORD, Role.OFFICER, null);
        for (int i = 1; i <= 4; i++) {
            Raw r = login(name, "wrong-" + i);
            assertThat(r.status).as("attempt " + i + ": " + r.body).isEqualTo(401);
            assertThat(r.contentType).startsWith("application/problem+json");
        }
        Raw fifth = login(name, "wrong-5");
        assertThat(fifth.status).as(fifth.body).isEqualTo(429);
        assertThat(fifth.contentType).startsWith("application/problem+json");
        assertThat(fifth.retryAfter).isEqualTo("900");
        // locked: even the right password is refused, and nothing is checked
        Raw right = login(name, PASSWORD);
        assertThat(right.status).isEqualTo(429);
        assertThat(Long.parseLong(right.retryAfter)).isBetween(1L, 900L);
        assertThat(MAPPER.readTree(right.body).get("status").asInt()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(14));
        assertThat(login(name, PASSWORD).status).isEqualTo(429);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Raw ok = login(name, PASSWORD);
        assertThat(ok.status).as(ok.body).isEqualTo(200);

        // a success resets the counter: four more failures do not lock
        for (int i = 0; i < 4; i++) assertThat(login(name, "again-" + i).status).isEqualTo(401);
        assertThat(login(name, PASSWORD).status).isEqualTo(200);

        List<AuditEntry> failed = audit("LOGIN_FAILED", name);
        assertThat(failed).hasSize(9);
        assertThat(failed.get(0).actor()).isEqualTo("anonymous");
        assertThat(failed.get(0).details()).contains("\"ip\":\"127.0.0.1\"");
        List<AuditEntry> locked = audit("LOGIN_LOCKED", name);
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).subjectType()).isEqualTo("user");
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void unknownUsernamesAreLockedExactlyLikeKnownOnesSoA429RevealsNothing() throws Exception {
        String known = "known-" + suffix;
        users.create(known, PASSWORD, Role.OFFICER, null);
        String unknown = "nobody-" + suffix;
        List<Raw> k = new ArrayList<>();
        List<Raw> u = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            k.add(login(known, "bad-" + i));
            u.add(login(unknown, "bad-" + i));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(u.get(i).status).as("attempt " + i).isEqualTo(k.get(i).status);
            assertThat(u.get(i).body).isEqualTo(k.get(i).body);
            assertThat(u.get(i).retryAfter).isEqualTo(k.get(i).retryAfter);
        }
        assertThat(k.get(5).status).isEqualTo(429);
        assertThat(audit("LOGIN_LOCKED", unknown)).hasSize(1);
    }

    @Test
    void oneAddressSprayingManyUsernamesIsLockedAfter20Failures() throws Exception {
        for (int i = 0; i < 19; i++) {
            Raw r = login("spray" + i + "-" + suffix, "guess");
            assertThat(r.status).as("attempt " + i).isEqualTo(401);
        }
        Raw twentieth = login("spray19-" + suffix, "guess");
        assertThat(twentieth.status).isEqualTo(429);
        assertThat(twentieth.retryAfter).isEqualTo("900");
        // a fresh, real user from the same address is refused too, until the lockout ends
        String name = "fresh-" + suffix;
        users.create(name, PASSWORD, Role.OFFICER, null);
        assertThat(login(name, PASSWORD).status).isEqualTo(429);
        assertThat(audit("LOGIN_LOCKED", "127.0.0.1")).isNotEmpty().allSatisfy(e -> assertThat(e.subjectType()).isEqualTo("client"));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(login(name, PASSWORD).status).isEqualTo(200);
        // setting the clock back (as NTP may, and as this test does for the classes after it) does not prolong a lockout
        clock.reset();
        assertThat(login(name, PASSWORD).status).isEqualTo(200);
        assertThat(login("spray0-" + suffix, "guess").status).isEqualTo(401);
    }

    // ---- 3. token expiry, listing, revocation -----------------------------------------------------------------

    @Test
    void issuedTokensExpireAfter90DaysAndTheFilterRefusesThemWith401ProblemJson() {
        long id = users.create("api-" + suffix, null, Role.OFFICER, null).id();
        ApiClient.Response issued = api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{\"label\":\"erp\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        Instant expires = Instant.parse(issued.json().get("expiresAt").asText());
        assertThat(expires).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(issued.json().get("id").asText()).isEqualTo(UserDirectory.tokenId(token));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        // tokens issued directly (CLI, demo) get the default lifetime as well
        String direct = users.issueToken(id, "direct");

        clock.advance(Duration.ofDays(90).minusMinutes(1));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        for (String t : List.of(token, direct)) {
            ApiClient.Response expired = api.get("/api/v1/me", t);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.contentType()).startsWith("application/problem+json");
        }
        admin = users.issueToken(users.byUsername(adminName).orElseThrow().id(), "test"); // the admin's own token expired too
        JsonNode list = api.get("/api/v1/admin/users/" + id + "/tokens", admin).json();
        assertThat(list).hasSize(2);
        assertThat(list.findValuesAsText("active")).containsOnly("false");

        // a shorter lifetime on request; more than the maximum is refused
        ApiClient.Response shortOne = api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{\"expiresInDays\":7}");
        assertThat(Instant.parse(shortOne.json().get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{\"expiresInDays\":5000}").status()).isEqualTo(400);
    }

    @Test
    void tokensStoredWithoutAnExpiryExpireTheDefaultLifetimeAfterCreation() {
        long id = users.create("legacy-" + suffix, null, Role.OFFICER, null).id();
        String token = "sct_legacy_" + suffix;
        jdbc.update("INSERT INTO api_token (token_hash, user_id, label, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, NULL, FALSE)",
                UserDirectory.sha256(token), id, "legacy", java.sql.Timestamp.from(clock.instant()));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        admin = users.issueToken(users.byUsername(adminName).orElseThrow().id(), "test", clock.instant().plus(Duration.ofDays(200)));
        JsonNode listed = api.get("/api/v1/admin/users/" + id + "/tokens", admin).json().get(0);
        assertThat(Instant.parse(listed.get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        clock.advance(Duration.ofDays(90).plusMinutes(1));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/users/" + id + "/tokens", admin).json().get(0).get("active").asBoolean()).isFalse();
    }

    @Test
    void webSessionTokensExpireAfter8Hours() throws Exception {
        String name = "session-" + suffix;
        users.create(name, PASSWORD, Role.ANALYST, null);
        Raw r = login(name, PASSWORD);
        JsonNode s = MAPPER.readTree(r.body);
        String token = s.get("token").asText();
        assertThat(Instant.parse(s.get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofHours(8)));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
    }

    @Test
    void adminListsAndRevokesAUsersTokensWithoutSeeingThem() {
        long id = users.create("holder-" + suffix, null, Role.OFFICER, null).id();
        String t1 = api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{\"label\":\"one\"}").json().get("token").asText();
        String t2 = api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{\"label\":\"two\"}").json().get("token").asText();
        String t3 = users.issueToken(id, "three");

        ApiClient.Response listed = api.get("/api/v1/admin/users/" + id + "/tokens", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(3);
        assertThat(listed.json().findValuesAsText("label")).containsExactlyInAnyOrder("one", "two", "three");
        for (String t : List.of(t1, t2, t3)) {
            assertThat(listed.body()).doesNotContain(t).doesNotContain(UserDirectory.sha256(t));
        }
        assertThat(listed.json().findValuesAsText("id")).containsExactlyInAnyOrder(UserDirectory.tokenId(t1),
                UserDirectory.tokenId(t2), UserDirectory.tokenId(t3));
        JsonNode first = listed.json().get(0);
        assertThat(first.has("createdAt")).isTrue();
        assertThat(first.has("expiresAt")).isTrue();
        assertThat(first.get("revoked").asBoolean()).isFalse();

        // only administrators
        assertThat(api.get("/api/v1/admin/users/" + id + "/tokens", t1).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/users/" + id + "/tokens/revoke-all", t1, JSON, "{}").status()).isEqualTo(403);

        ApiClient.Response one = api.post("/api/v1/admin/users/" + id + "/tokens/" + UserDirectory.tokenId(t1) + "/revoke", admin, JSON,
                "{\"reason\":\"laptop stolen\"}");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        ApiClient.Response refused = api.get("/api/v1/me", t1);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/me", t2).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/users/" + id + "/tokens/0123456789ab/revoke", admin, JSON, "{}").status()).isEqualTo(404);

        ApiClient.Response all = api.post("/api/v1/admin/users/" + id + "/tokens/revoke-all", admin, JSON, "{}");
        assertThat(all.json().get("revoked").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/me", t2).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", t3).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/users/" + id + "/tokens", admin).json().findValuesAsText("revoked")).containsOnly("true");

        List<AuditEntry> revoked = audit("TOKEN_REVOKED", String.valueOf(id));
        assertThat(revoked).hasSize(2);
        assertThat(revoked).allSatisfy(e -> assertThat(e.actor()).isEqualTo(adminName));
        assertThat(revoked.get(1).reason()).isEqualTo("laptop stolen");
        assertThat(revoked.get(1).details()).contains(UserDirectory.tokenId(t1));
        assertThat(audit("TOKEN_ISSUED", String.valueOf(id))).hasSize(3);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void logoutRevokesTheCurrentTokenAndIsAudited() throws Exception {
        String name = "leaver-" + suffix;
        long id = users.create(name, PASSWORD, Role.OFFICER, null).id();
        String token = MAPPER.readTree(login(name, PASSWORD).body).get("token").asText();
        assertThat(api.post("/api/v1/auth/logout", token, JSON, "").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        List<AuditEntry> e = audit("TOKEN_REVOKED", String.valueOf(id));
        assertThat(e).hasSize(1);
        assertThat(e.get(0).actor()).isEqualTo(name);
        assertThat(e.get(0).reason()).isEqualTo("logout");
        // the login's session token was audited when it was issued
        assertThat(audit("TOKEN_ISSUED", String.valueOf(id))).singleElement()
                .satisfies(i -> assertThat(i.details()).contains("web-session"));
    }

    // ---- 4. audit trail complete -------------------------------------------------------------------------------

    @Test
    void everyUserAdministrationIsAuditedWithTheAdministratorAsActor() {
        ApiClient.Response created = api.post("/api/v1/admin/users", admin, JSON,
                "{\"username\":\"newbie-" + suffix + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"OFFICER\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.post("/api/v1/admin/users/" + id + "/enabled", admin, JSON, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/users/" + id + "/enabled", admin, JSON, "{\"enabled\":true}").status()).isEqualTo(200);
        ApiClient.Response role = api.post("/api/v1/admin/users/" + id + "/role", admin, JSON, "{\"role\":\"TRADER\",\"partyId\":\"GB123456789000\"}");
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        assertThat(role.json().get("role").asText()).isEqualTo("TRADER");
        assertThat(api.post("/api/v1/admin/users/" + id + "/role", admin, JSON, "{\"role\":\"TRADER\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/admin/users/" + id + "/tokens", admin, JSON, "{}").status()).isEqualTo(201);

        for (String action : List.of("USER_CREATED", "USER_DISABLED", "USER_ENABLED", "USER_ROLE_CHANGED", "TOKEN_ISSUED")) {
            List<AuditEntry> e = audit(action, id);
            assertThat(e).as(action).hasSize(1);
            assertThat(e.get(0).actor()).as(action).isEqualTo(adminName);
            assertThat(e.get(0).subjectType()).isEqualTo("user");
        }
        assertThat(audit("USER_ROLE_CHANGED", id).get(0).details()).contains("\"from\":\"OFFICER\"").contains("\"to\":\"TRADER\"");
        assertThat(audit("USER_CREATED", id).get(0).details()).doesNotContain(PASSWORD);
        ApiClient.Response verify = api.get("/api/v1/audit/verify", admin);
        assertThat(verify.json().get("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    @Test
    void ruleAndWatchListChangesAreAuditedWhoeverCallsTheService() {
        // through the API
        ApiClient.Response rule = api.post("/api/v1/rules", admin, JSON,
                "{\"name\":\"heavy\",\"expression\":\"value > 1000000.0\",\"threat\":\"OTHER\",\"weight\":10}");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().get("id").asText();
        assertThat(api.post("/api/v1/rules/" + ruleId + "/disable", admin, JSON, "{\"reason\":\"too broad\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/watchlists/import?kind=commodities", admin, "text/csv",
                "entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason\nC-1,6109,BD,,,UNDERVALUATION,test\n").status()).isEqualTo(201);
        assertThat(audit("RULE_CREATED", ruleId + "@1")).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(adminName));
        assertThat(audit("RULE_DISABLED", ruleId + "@2")).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("too broad"));

        // directly on the service (CLI, demo loader): audited all the same
        var direct = risk.createRule(new RiskService.RuleDraft("direct", "value > 2000000.0", org.smartcustoms.risk.Threat.OTHER, 5,
                null, null, null, null, true), "batch-job");
        assertThat(audit("RULE_CREATED", direct.ref())).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("batch-job"));
        risk.reviseRule(direct.id(), new RiskService.RuleDraft(null, null, null, 6, null, null, null, null, null), "batch-job");
        assertThat(audit("RULE_CHANGED", direct.id() + "@2")).hasSize(1);
        long before = trail.find("batch-job", "WATCHLIST_CHANGED", null, 0, 10).total();
        risk.importWatchList(RiskService.WatchListKind.PARTIES, risk.watchListCsv(RiskService.WatchListKind.PARTIES), "batch-job");
        assertThat(trail.find("batch-job", "WATCHLIST_CHANGED", null, 0, 10).total()).isEqualTo(before + 1);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void csvExportsAreAuditedWithWhoWhatAndTheFilter() {
        String auditor = TestUsers.token(users, "exporter-" + suffix, Role.AUDITOR, null);
        ApiClient.Response json = api.get("/api/v1/post-clearance/declarations?limit=7", auditor);
        assertThat(json.status()).isEqualTo(200);
        long before = trail.find("exporter-" + suffix, "DATA_EXPORTED", null, 0, 10).total();
        assertThat(before).isZero();
        ApiClient.Response csv = api.get("/api/v1/post-clearance/declarations?limit=7&format=csv", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(api.get("/api/v1/post-clearance/companies?format=csv&limit=3", auditor).status()).isEqualTo(200);
        List<AuditEntry> exports = trail.find("exporter-" + suffix, "DATA_EXPORTED", null, 0, 10).items();
        assertThat(exports).hasSize(2);
        assertThat(exports.get(1).subjectId()).isEqualTo("post-clearance-declarations");
        assertThat(exports.get(1).details()).contains("\"limit\":7").contains("\"format\":\"csv\"").contains("\"rows\":");
        assertThat(exports.get(0).subjectId()).isEqualTo("post-clearance-companies");
        assertThat(verifier.verify().ok()).isTrue();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    List<AuditEntry> audit(String action, String subjectId) {
        return trail.find(null, action, subjectId, 0, 100).items();
    }

    record Raw(int status, String contentType, String retryAfter, String body) { }

    Raw login(String username, String password) throws IOException, InterruptedException {
        String body = MAPPER.writeValueAsString(java.util.Map.of("username", username, "password", password));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Raw(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Retry-After").orElse(null),
                r.body());
    }
}
