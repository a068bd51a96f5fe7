package org.smartcustoms.server.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/** Retraining from recorded outcomes: refused on too little or one-sided evidence, registered (not promoted) otherwise. */
@OnH2
@ApiTest
@OwnContext("retraining learns from every inspection result in the database, and the refusals for too few or one-sided "
        + "results can only be shown on a database that holds this test's results alone")
@TestPropertySource(properties = "smartcustoms.retrain.rounds=40")
class InspectionRetrainApiTest extends ApiTestSupport {
    @Value("${smartcustoms.data-dir}")
    Path dataDir;

    @Test
    void refusedWithTooFewOrOneSidedResultsThenRegisteredNotPromoted() throws IOException {
        ApiClient api = new ApiClient(port);
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String officer = TestUsers.token(users, "officer-retrain", Role.OFFICER, null);
        LocalDate today = LocalDate.now();

        for (int i = 0; i < 10; i++) record(api, fx, officer, today.minusDays(i), false, i);
        ApiClient.Response tooFew = api.post("/api/v1/models/retrain", ADMIN, "application/json", "");
        assertThat(tooFew.status()).as(tooFew.toString()).isEqualTo(409);
        assertThat(tooFew.contentType()).startsWith("application/problem+json");
        assertThat(tooFew.json().get("detail").asText()).contains("Only 10").contains("at least 50");
        ApiClient.Response oneSided = api.post("/api/v1/models/retrain?minResults=5", ADMIN, "application/json", "");
        assertThat(oneSided.status()).isEqualTo(409);
        assertThat(oneSided.json().get("detail").asText()).contains("same outcome");

        for (int i = 10; i < 60; i++) record(api, fx, officer, today.minusDays(i % 45), i % 3 == 0, i);
        ApiClient.Response r = api.post("/api/v1/models/retrain", ADMIN, "application/json", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode body = r.json();
        String version = body.get("version").asText();
        assertThat(version).startsWith("outcomes-");
        assertThat(body.get("promoted").asBoolean()).isFalse();
        assertThat(body.get("declarations").asInt()).isEqualTo(60);
        assertThat(body.get("irregular").asInt()).isEqualTo(16);
        assertThat(body.get("dossier").get("rows").asLong()).isEqualTo(60);
        assertThat(body.get("dossier").get("frauds").asLong()).isEqualTo(16);
        assertThat(body.get("dossier").get("version").asText()).isEqualTo(version);

        ModelRegistry registry = new ModelRegistry(dataDir.resolve("models"), "outcomes", java.time.Clock.systemUTC());
        assertThat(registry.versions()).containsExactly(version);
        assertThat(registry.promoted()).isEmpty();
        var model = registry.load(version);
        var d = intake.store().find(fx.declare("GB000000000099", "TRETRAIN")).orElseThrow().declaration();
        double p = model.predict(d, d.items().get(0)).fraudProbability();
        assertThat(p).isBetween(0.0, 1.0);

        JsonNode audit = api.get("/api/v1/audit?action=MODEL_REGISTERED&subjectId=" + version, ADMIN).json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        assertThat(audit.get("items").get(0).get("details").get("declarations").asInt()).isEqualTo(60);
    }

    /** A declaration under control with a result: irregular ones are undervalued (low value per kg). */
    private static void record(ApiClient api, WorkspaceFixtures fx, String officer, LocalDate date, boolean irregular, int i) {
        String id = fx.declare("GB00000000" + String.format("%04d", i % 7), "TRETRAIN", date, "610910", "BD",
                irregular ? "400" : String.valueOf(2400 + i), "100");
        fx.underControl(id, irregular ? 70 : 30, irregular ? "RED" : "YELLOW", List.of());
        ApiClient.Response r = api.post("/api/v1/declarations/" + id + "/inspection", officer, "application/json",
                "{\"outcome\": \"" + (irregular ? "UNDERVALUATION" : "NO_IRREGULARITY") + "\", \"decision\": \"RELEASE\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
}
