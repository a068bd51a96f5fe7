package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.Reason;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The enforcement database over HTTP: a seizure recorded with an inspection result becomes a linked seizure record
 * and targets the importer's next declaration; need to know; versions; link chart; search; bad input. Subclasses
 * run it on H2 and on PostgreSQL.
 */
@ApiTest
abstract class AbstractEnforcementApiTest extends ApiTestSupport {
    String officer, officerName, intel, intelName, analyst, trader;
    String u;
    EnforcementFixtures ef;
    WorkspaceFixtures fx;

    @BeforeEach
    void setUp() {
        u = TestUsers.unique().toUpperCase();
        officerName = "officer-" + u;
        officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        intelName = "intel-" + u;
        intel = TestUsers.token(users, intelName, Role.INTELLIGENCE, null);
        analyst = TestUsers.token(users, Role.ANALYST, null);
        trader = TestUsers.token(users, Role.TRADER, "JP" + u);
        ef = new EnforcementFixtures(intake);
        fx = new WorkspaceFixtures(intake, jdbc);
    }

    /** Records an inspection with a seizure on a new declaration of the importer; returns the declaration id. */
    private String seizedAtInspection(String importerId, String importerName) {
        String id = ef.declare(importerId, importerName, LocalDate.now());
        fx.underControl(id, 75, "RED", List.of());
        ApiClient.Response r = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON, """
                {"outcome": "PROHIBITED_GOODS", "seizure": {"goods": "cocaine", "quantity": 12, "unit": "KG",
                 "concealment": "machine parts", "location": "Bonded store 2"}, "decision": "KEEP_UNDER_CONTROL"}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    @Test
    void aSeizureAtInspectionIsLinkedAndTargetsTheImportersNextDeclaration() {
        String importer = "JP7" + u;
        String name = "Kanzei Trading " + u + " LLC";
        String first = seizedAtInspection(importer, name);

        // the seizure record, with its links, without a second entry
        List<Integer> count = jdbc.queryForList("SELECT COUNT(*) FROM enf_link WHERE from_type = 'DECLARATION' AND from_id = ?", Integer.class, first);
        assertThat(count).containsExactly(1);
        String seizureId = jdbc.queryForObject("SELECT to_id FROM enf_link WHERE from_type = 'DECLARATION' AND from_id = ?", String.class, first);
        ApiClient.Response s = api.get("/api/v1/enforcement/seizures/" + seizureId, intel);
        assertThat(s.status()).as(s.toString()).isEqualTo(200);
        JsonNode seizure = s.json().get("seizure");
        assertThat(seizure.get("id").asText()).matches("S-\\d{4}-\\d{4,}");
        assertThat(seizure.get("category").asText()).isEqualTo("DRUGS_COCAINE");
        assertThat(seizure.get("detectionMethod").asText()).isEqualTo("RISK_SELECTION");
        assertThat(seizure.get("declarationIds").get(0).asText()).isEqualTo(first);
        assertThat(seizure.get("inspectionResultId").isNumber()).isTrue();
        assertThat(seizure.get("goods").asText()).isEqualTo("cocaine");
        JsonNode party = s.json().get("parties").get(0);
        assertThat(party.get("role").asText()).isEqualTo("IMPORTER");
        assertThat(party.get("name").asText()).isEqualTo(name);
        String company = party.get("entity").asText();
        JsonNode c = api.get("/api/v1/enforcement/companies/" + party.get("id").asText(), intel).json();
        assertThat(c.get("partyId").asText()).isEqualTo(importer);

        // the importer's next declaration is targeted with the reason in words
        String next = ef.declare(importer, "Someone Else Entirely", LocalDate.now());
        StoredDeclaration d = intake.store().find(next).orElseThrow();
        assertThat(d.risk().reasons()).filteredOn(r -> r.source() == Reason.Source.ENFORCEMENT).singleElement().satisfies(r ->
                assertThat(r.text()).isEqualTo("importer matches " + name.toUpperCase() + " (trader id " + importer + "), linked to seizure "
                        + seizureId + ": 12 kg cocaine in machine parts, " + LocalDate.now().toString().substring(0, 7)));
        assertThat(d.riskChannel()).isEqualTo("RED");
        assertThat(d.status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        // ... and by name alone (no trader id on the other side: a new trader id of the same name would not match)
        assertThat(api.get("/api/v1/enforcement/interest?declarationId=" + next, officer).json().findValuesAsText("role")).contains("IMPORTER");

        // officers learn only that the party is of interest and whom to contact
        ApiClient.Response interest = api.get("/api/v1/enforcement/interest?declarationId=" + next, officer);
        assertThat(interest.status()).isEqualTo(200);
        JsonNode imp = null;
        for (JsonNode i : interest.json()) if (i.get("role").asText().equals("IMPORTER")) imp = i;
        assertThat(imp.get("ofInterest").asBoolean()).isTrue();
        assertThat(imp.get("contact").asText()).isNotBlank();
        assertThat(interest.body()).doesNotContain(seizureId).doesNotContain("cocaine");

        // the link chart: company -> seizure -> declaration, and the shortest path from the declaration to the company
        JsonNode g = api.get("/api/v1/enforcement/graph?from=" + company + "&depth=2", intel).json();
        assertThat(g.get("nodes").findValuesAsText("key")).contains(company, "SEIZURE:" + seizureId, "DECLARATION:" + first);
        assertThat(g.get("edges").findValuesAsText("role")).contains("IMPORTER", "DECLARATION");
        JsonNode path = api.get("/api/v1/enforcement/graph?from=DECLARATION:" + first + "&to=" + company, intel).json();
        assertThat(path.get("nodes").findValuesAsText("key")).containsExactly("DECLARATION:" + first, "SEIZURE:" + seizureId, company);

        // search: fuzzy name, and words of the seizure
        JsonNode found = api.get("/api/v1/enforcement/search?q=kanzey+trading+" + u, intel).json();
        assertThat(found.findValuesAsText("entity")).contains(company);
        assertThat(api.get("/api/v1/enforcement/search?q=cocaine+machine+" + seizureId, intel).json().findValuesAsText("entity"))
                .contains("SEIZURE:" + seizureId);
    }

    @Test
    void needToKnowAndEveryRestrictedReadIsAudited() {
        ApiClient.Response p = api.post("/api/v1/enforcement/persons", intel, JSON,
                "{\"name\": \"Ivan Petrov " + u + "\", \"nationality\": \"ru\", \"address\": \"1-2 Harbour Road, Kobe\", \"phone\": \"+81 78 000 " + u.substring(0, 4) + "\"}");
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        String person = p.json().get("id").asText();
        ApiClient.Response rep = api.post("/api/v1/enforcement/suspicions", intel, JSON,
                "{\"source\": \"informant\", \"reliability\": \"B\", \"informationGrade\": 2, \"summary\": \"courier " + u + "\", \"subjects\": [\"PERSON:" + person + "\"]}");
        assertThat(rep.status()).as(rep.toString()).isEqualTo(201);
        String report = rep.json().get("id").asText();

        for (String token : List.of(officer, analyst, trader)) {
            for (String path : List.of("/api/v1/enforcement/persons/" + person, "/api/v1/enforcement/suspicions/" + report,
                    "/api/v1/enforcement/persons", "/api/v1/enforcement/search?q=petrov", "/api/v1/enforcement/graph?from=PERSON:" + person)) {
                ApiClient.Response r = api.get(path, token);
                assertThat(r.status()).as(path + " " + r).isEqualTo(403);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(api.get("/api/v1/enforcement/seizures", trader).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/enforcement/seizures", officer).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/enforcement/persons/" + person, intel).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/enforcement/suspicions/" + report, intel).json().get("reliability").asText()).isEqualTo("B");
        assertThat(auditLog.find(intelName, "ENFORCEMENT_READ", person, 0, 10).items()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.subjectType()).isEqualTo("person"));
        assertThat(auditLog.find(intelName, "ENFORCEMENT_READ", report, 0, 10).items()).isNotEmpty();

        // versions: every change kept
        ApiClient.Response v2 = api.put("/api/v1/enforcement/persons/" + person, intel, JSON,
                "{\"name\": \"Ivan Petrov " + u + "\", \"nationality\": \"RU\", \"address\": \"9 Port Island, Kobe\"}");
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        JsonNode versions = api.get("/api/v1/enforcement/persons/" + person + "/versions", intel).json();
        assertThat(versions.findValuesAsText("address")).containsExactly("1-2 Harbour Road, Kobe", "9 Port Island, Kobe");

        // past its review date: listed for review (type, id, date only)
        ApiClient.Response old = api.post("/api/v1/enforcement/companies", intel, JSON,
                "{\"name\": \"Old Shell Co " + u + "\", \"reviewDate\": \"2020-01-31\"}");
        String oldId = old.json().get("id").asText();
        JsonNode review = api.get("/api/v1/enforcement/review?limit=500", intel).json();
        assertThat(review.findValuesAsText("entity")).contains("COMPANY:" + oldId).doesNotContain("PERSON:" + person);
        assertThat(api.get("/api/v1/enforcement/review", officer).status()).isEqualTo(403);

        // a shared phone links a company to the person on the chart
        ApiClient.Response co = api.post("/api/v1/enforcement/companies", intel, JSON,
                "{\"name\": \"Harbour Logistics " + u + "\", \"phone\": \"+81-78-000-" + u.substring(0, 4) + "\"}");
        String company = co.json().get("id").asText();
        JsonNode path = api.get("/api/v1/enforcement/graph?from=COMPANY:" + company + "&to=SUSPICION:" + report, intel).json();
        assertThat(path.get("nodes").findValuesAsText("type")).containsExactly("COMPANY", "PHONE", "PERSON", "SUSPICION");
    }

    @Test
    void badInputIsAClearProblemAndNothingIsStored() {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure", Integer.class);
        Map<String, String> bad = Map.of(
                "{\"date\": \"" + LocalDate.now().plusDays(2) + "\", \"office\": \"JPTYO100\", \"detectionMethod\": \"DOG\", \"goods\": \"cannabis\", \"quantity\": 1}", "in the future",
                "{\"date\": \"2026-01-02\", \"office\": \"JPTYO100\", \"detectionMethod\": \"PSYCHIC\", \"goods\": \"cannabis\", \"quantity\": 1}", "one of [RISK_SELECTION",
                "{\"date\": \"2026-01-02\", \"office\": \"JPTYO100\", \"detectionMethod\": \"DOG\", \"category\": \"GOLD\", \"goods\": \"x\", \"quantity\": 1}", "unknown category",
                "{\"date\": \"2026-01-02\", \"office\": \"JPTYO100\", \"detectionMethod\": \"DOG\", \"goods\": \"x\", \"quantity\": 0}", "quantity must be greater than 0",
                "{\"date\": \"2026-01-02\", \"office\": \"JPTYO100\", \"detectionMethod\": \"DOG\", \"goods\": \"x\", \"quantity\": 1, \"involved\": [{\"entity\": \"COMPANY:C-999999999\"}]}", "does not exist",
                "{\"date\": \"not a date\"}", "date");
        bad.forEach((body, message) -> {
            ApiClient.Response r = api.post("/api/v1/enforcement/seizures", intel, JSON, body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains(message).doesNotContain("org.smartcustoms").doesNotContain("java.");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure", Integer.class)).isEqualTo(before);
        assertThat(api.get("/api/v1/enforcement/seizures/S-2000-0001", intel).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enforcement/graph?from=PLANET:1", intel).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/enforcement/graph?from=COMPANY:C-000001&depth=9", intel).status()).isEqualTo(400);

        // idempotency: the same key stores once
        String body = "{\"date\": \"2026-01-02\", \"office\": \"JPTYO100\", \"detectionMethod\": \"X-RAY\", \"goods\": \"cigarettes\", \"quantity\": 2000, \"unit\": \"NAR\", \"idempotencyKey\": \"k-" + u + "\"}";
        ApiClient.Response a = api.post("/api/v1/enforcement/seizures", officer, JSON, body);
        ApiClient.Response b = api.post("/api/v1/enforcement/seizures", officer, JSON, body);
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.json().get("id").asText()).isEqualTo(a.json().get("id").asText());
        assertThat(a.json().get("category").asText()).isEqualTo("TOBACCO");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure", Integer.class)).isEqualTo(before + 1);
    }

    @Test
    void theAnalystWeightsEnforcementHitsLikeRules() {
        ApiClient.Response now = api.get("/api/v1/enforcement/targeting", analyst);
        assertThat(now.status()).isEqualTo(200);
        double before = now.json().get("weight").asDouble();
        try {
            assertThat(api.put("/api/v1/enforcement/targeting", analyst, JSON, "{\"weight\": 150}").status()).isEqualTo(400);
            assertThat(api.put("/api/v1/enforcement/targeting", officer, JSON, "{\"weight\": 30}").status()).isEqualTo(403);
            assertThat(api.put("/api/v1/enforcement/targeting", analyst, JSON, "{\"weight\": 30}").json().get("weight").asDouble()).isEqualTo(30);
            String importer = "JP6" + u;
            seizedAtInspection(importer, "Weighted Imports " + u);
            StoredDeclaration d = intake.store().find(ef.declare(importer, "Weighted Imports " + u, LocalDate.now())).orElseThrow();
            assertThat(d.risk().reasons()).filteredOn(r -> r.source() == Reason.Source.ENFORCEMENT).singleElement()
                    .satisfies(r -> assertThat(r.weight()).isEqualTo(30));
            assertThat(d.riskScore()).isGreaterThanOrEqualTo(30);
        } finally {
            api.put("/api/v1/enforcement/targeting", analyst, JSON, "{\"weight\": " + before + "}");
        }
    }
}
