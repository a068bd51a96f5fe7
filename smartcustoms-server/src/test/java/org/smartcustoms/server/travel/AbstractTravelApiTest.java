package org.smartcustoms.server.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestClock;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.travel.Mrz;
import org.smartcustoms.travel.Passport;
import org.smartcustoms.travel.QrClaims;
import org.smartcustoms.travel.QrTokens;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Travellers end to end over HTTP: declaration and duty, payment through the simulated provider's signed webhook,
 * QR code, e-gate decisions (OPEN, replay, watch-listed person, passenger list), the arrivals board, and every kind of
 * bad input refused with a clear 4xx and nothing recorded. Subclasses run it on H2 and PostgreSQL.
 */
@ApiTest
abstract class AbstractTravelApiTest extends ApiTestSupport {
    static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    @Autowired
    TravelSettings settings;
    @Autowired
    SimulatedPaymentProvider provider;
    @Autowired
    TestClock clock;
    @Autowired
    PublicRateLimit rateLimit;
    @Autowired
    TravelStore store;

    String gate;
    String officer;
    String flight;
    LocalDate today;
    String u;

    @BeforeEach
    void setUp() {
        // every request of the suite comes from 127.0.0.1: each test starts with the public endpoints' full allowance
        rateLimit.reset();
        u = TestUsers.unique();
        gate = token(Role.GATE, null);
        officer = token(Role.OFFICER, null);
        flight = "ZT" + ThreadLocalRandom.current().nextInt(1000, 9999);
        today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        settings.setRandomShare(0);
    }

    @AfterEach
    void restore() {
        settings.setRandomShare(0.02);
        clock.reset();
    }

    static Passport passport(String doc, String surname, String given, String nat, LocalDate birth) {
        return new Passport(doc, nat, surname, given, nat, birth, "F", LocalDate.of(2031, 5, 1));
    }

    String docNo() {
        return "X" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    ApiClient.Response declare(Passport p, String flightNo, LocalDate arrival, String items, String answers) {
        String body = "{\"passport\":{\"mrz\":" + q(Mrz.td3(p)) + "},\"flight\":\"" + flightNo + "\",\"arrivalDate\":\"" + arrival + "\","
                + "\"answers\":" + (answers == null ? "null" : answers) + ",\"items\":" + items + "}";
        return api.post("/api/v1/travellers/declarations", null, JSON, body);
    }

    ApiClient.Response pay(JsonNode d, String key, String card) {
        return api.request("POST", "/api/v1/travellers/declarations/" + d.get("id").asText() + "/payments", null,
                Map.of("X-Traveller-Token", d.get("accessToken").asText(), "Idempotency-Key", key, "Content-Type", JSON),
                ("{\"cardToken\":\"" + card + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    ApiClient.Response view(JsonNode d) {
        return api.request("GET", "/api/v1/travellers/declarations/" + d.get("id").asText(), null,
                Map.of("X-Traveller-Token", d.get("accessToken").asText()), null);
    }

    ApiClient.Response scan(String qr, String mrz) {
        return api.post("/api/v1/egate/scan", gate, JSON, "{\"qr\":" + q(qr) + ",\"mrz\":" + q(mrz) + "}");
    }

    /** Names in a passport's MRZ are letters only: the unique suffix spelled in letters. */
    static String letters(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c >= 'A' && c <= 'Z') b.append(c);
            else if (c >= '0' && c <= '9') b.append((char) ('A' + (c - '0')));
        }
        return b.toString();
    }

    static String q(String s) {
        try {
            return JSON_MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fourBottlesPayOneThenOpenOnceAndReplayRefused() {
        Passport p = passport(docNo(), "Tanaka", "Hanako", "JPN", LocalDate.of(1985, 4, 2));
        String csv = "surname,given_names,birth_date,nationality,document_number,sex\nTANAKA,HANAKO,1985-04-02,JPN," + p.documentNumber() + ",F\n";
        ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv", csv);
        assertThat(list.status()).as(list.toString()).isEqualTo(201);

        ApiClient.Response r = declare(p, flight, today, "[{\"kind\":\"ALCOHOL\",\"quantity\":4,\"value\":12000,\"description\":\"whisky\"}]", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode d = r.json();
        // one bottle over the allowance of 3: 0.76 l at 800 JPY/l
        assertThat(d.get("dutyDue").asLong()).isEqualTo(608);
        assertThat(d.get("paymentRequired").asBoolean()).isTrue();
        assertThat(d.get("qr")).isNull();
        assertThat(d.at("/duty/lines/0/explanation").asText()).contains("3 free").contains("1 over the allowance");

        // without the access token the declaration does not exist
        assertThat(api.get("/api/v1/travellers/declarations/" + d.get("id").asText(), null).status()).isEqualTo(404);
        // declined card: 402, nothing paid
        assertThat(pay(d, "key-declined-" + u, "tok_declined").status()).isEqualTo(402);
        assertThat(view(d).json().get("paid").asLong()).isZero();

        ApiClient.Response paid = pay(d, "key-" + u, "tok_visa_4242");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("status").asText()).isEqualTo("PAID");
        assertThat(paid.json().get("receipt").asText()).contains("608 JPY").contains("4242");
        // the same idempotency key answers the same payment: no second charge
        ApiClient.Response again = pay(d, "key-" + u, "tok_visa_4242");
        assertThat(again.json().get("id").asText()).isEqualTo(paid.json().get("id").asText());
        JsonNode after = view(d).json();
        assertThat(after.get("paid").asLong()).isEqualTo(608);
        String qr = after.at("/qr/payload").asText();
        assertThat(qr).isNotBlank().doesNotContain(p.documentNumber());

        ApiClient.Response png = api.request("GET", after.at("/qr/pngUrl").asText(), null,
                Map.of("X-Traveller-Token", d.get("accessToken").asText()), null);
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).startsWith("image/png");

        // another passport: refused, the code stays usable
        Passport other = passport(docNo(), "Tanaka", "Hanako", "JPN", LocalDate.of(1985, 4, 2));
        JsonNode mismatch = scan(qr, Mrz.td3(other)).json();
        assertThat(mismatch.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(mismatch.get("reason").asText()).isEqualTo("PASSPORT_MISMATCH");

        JsonNode open = scan(qr, Mrz.td3(p)).json();
        assertThat(open.get("decision").asText()).as(open.toString()).isEqualTo("OPEN");
        JsonNode replay = scan(qr, Mrz.td3(p)).json();
        assertThat(replay.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(replay.get("reason").asText()).isEqualTo("REPLAYED");
        assertThat(replay.get("message").asText()).doesNotContain("REPLAYED").doesNotContain("already");
    }

    @Test
    void watchListedTravellerIsSentToTheCounterWithTheReasonOnTheArrivalsBoard() {
        String entry = "WL-PERSON-" + u;
        String name = letters(u);
        LocalDate birth = LocalDate.of(1971, 9, 30);
        ApiClient.Response wl = api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\":\"" + entry
                + "\",\"partyId\":\"PERSON:" + birth + ":GBR\",\"name\":\"Jonathan Smythe-" + name + "\",\"reason\":\"cash courier\",\"source\":\"test\"}");
        assertThat(wl.status()).as(wl.toString()).isEqualTo(201);
        // same name and birth date, another nationality: no hit (a namesake)
        Passport namesake = passport(docNo(), "Smythe-" + name, "Jonathan", "IRL", birth);
        Passport listed = passport(docNo(), "Smythe-" + name, "Jonathan", "GBR", birth);
        String edifact = "UNA:+.? 'UNB+UNOA:4+AIRLINE+JPCUSTOMS+" + "261201:0900+1'UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'TDT+20+" + flight
                + "'LOC+87+NRT'DTM+232:" + today.toString().substring(2).replace("-", "") + "1700:201'"
                + "NAD+FL+++SMYTHE-" + name + ":JONATHAN'ATT+2++F'DTM+329:710930'NAT+2+GBR'DOC+P:110:111+" + listed.documentNumber() + "'"
                + "NAD+FL+++SMYTHE-" + name + ":JONATHAN'ATT+2++F'DTM+329:710930'NAT+2+IRL'DOC+P:110:111+" + namesake.documentNumber() + "'"
                + "CNT+42:2'UNT+20+1'UNZ+1+1'";
        ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers", officer, "text/plain", edifact);
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        assertThat(list.json().get("passengers").asInt()).isEqualTo(2);
        assertThat(list.json().get("watchHits").asInt()).isEqualTo(1);

        JsonNode d = declare(listed, flight, today, "[]", null).json();
        String qr = view(d).json().at("/qr/payload").asText();
        JsonNode scan = scan(qr, Mrz.td3(listed)).json();
        assertThat(scan.get("decision").asText()).isEqualTo("INSPECT");
        assertThat(scan.get("message").asText()).doesNotContain("watch").doesNotContain(entry);
        assertThat(scan.get("reasons").toString()).contains(entry).contains("cash courier");

        JsonNode ok = declare(namesake, flight, today, "[]", null).json();
        assertThat(scan(view(ok).json().at("/qr/payload").asText(), Mrz.td3(namesake)).json().get("decision").asText()).isEqualTo("OPEN");

        JsonNode board = api.get("/api/v1/flights/" + flight + "/arrivals?date=" + today, officer).json();
        assertThat(board.get("passengers")).hasSize(2);
        assertThat(board.get("gateEvents").toString()).contains("INSPECT").contains(entry);
        long eventId = board.get("gateEvents").findValues("decision").stream().map(JsonNode::asText).toList().indexOf("INSPECT");
        JsonNode inspect = board.get("gateEvents").get((int) eventId);
        // a detention needs what was found; with it, the result becomes a seizure record linked to the traveller
        assertThat(api.post("/api/v1/travel/gate-events/" + inspect.get("id").asLong() + "/result", officer, JSON,
                "{\"result\":\"CASH_DETAINED\",\"note\":\"5,000,000 JPY undeclared\"}").status()).isEqualTo(400);
        ApiClient.Response result = api.post("/api/v1/travel/gate-events/" + inspect.get("id").asLong() + "/result", officer, JSON,
                "{\"result\":\"CASH_DETAINED\",\"note\":\"5,000,000 JPY undeclared\",\"seizure\":{\"goods\":\"cash, yen banknotes\","
                        + "\"quantity\":5000000,\"unit\":\"JPY\",\"concealment\":\"hand luggage\"}}");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        String seizure = result.json().get("seizureId").asText();
        assertThat(seizure).startsWith("S-");
        JsonNode recorded = api.get("/api/v1/enforcement/seizures/" + seizure, token(Role.INTELLIGENCE, null)).json();
        assertThat(recorded.toString()).contains("TRAVELLER").contains("CASH").contains("hand luggage")
                .contains("flight " + flight);
        // the outcome feeds the targeting: the same traveller on the next list is linked to that seizure
        ApiClient.Response again = api.post("/api/v1/flights/" + flight + "/passengers", officer, "text/plain", edifact);
        assertThat(again.json().get("hits").toString()).contains("traveller matches person P-").contains("linked to seizure " + seizure);
        assertThat(api.post("/api/v1/travel/gate-events/" + inspect.get("id").asLong() + "/result", officer, JSON,
                "{\"result\":\"NOTHING_FOUND\"}").status()).isEqualTo(409);
        // the board read is audited; the gate may not read it, a traveller (no token) neither
        auditLog.chainPending();
        assertThat(auditLog.find(null, "TRAVEL_RECORDS_READ", flight + "/" + today, 0, 10).total()).isPositive();
        assertThat(api.get("/api/v1/flights/" + flight + "/arrivals", gate).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/flights/" + flight + "/arrivals", null).status()).isEqualTo(401);
        // an officer may not scan
        assertThat(api.post("/api/v1/egate/scan", officer, JSON, "{\"qr\":\"x\",\"mrz\":\"y\"}").status()).isEqualTo(403);
    }

    @Test
    void travellerLinkedToASeizureIsSentToTheCounterAndTheSeizureResultIsRecordedOnce() {
        String name = letters(u);
        LocalDate birth = LocalDate.of(1980, 2, 29);
        String[] linked = TravelFixtures.personLinkedToSeizure(api, token(Role.INTELLIGENCE, null), "Maria Kowalska " + name, birth, "PL",
                today.minusMonths(2));
        String reason = "traveller matches person " + linked[0] + ", linked to seizure " + linked[1] + ": 12 kg cocaine in suitcase lining";
        // the same person (name spelt with a diacritic and reordered), a namesake born another day, a namesake of another nationality
        Passport traveller = passport(docNo(), "Kowalska " + name, "Maria", "POL", birth);
        Passport otherDay = passport(docNo(), "Kowalska " + name, "Maria", "POL", birth.plusDays(1));
        Passport otherCountry = passport(docNo(), "Kowalska " + name, "Maria", "CZE", birth);
        String json = "{\"flight\":\"" + flight + "\",\"arrivalDate\":\"" + today + "\",\"passengers\":["
                + "{\"surname\":\"KOWALSKA " + name + "\",\"givenNames\":\"MARIÁ\",\"birthDate\":\"" + birth + "\",\"nationality\":\"POL\",\"documentNumber\":\"" + traveller.documentNumber() + "\"},"
                + "{\"surname\":\"KOWALSKA " + name + "\",\"givenNames\":\"MARIA\",\"birthDate\":\"" + birth.plusDays(1) + "\",\"nationality\":\"POL\",\"documentNumber\":\"" + otherDay.documentNumber() + "\"},"
                + "{\"surname\":\"KOWALSKA " + name + "\",\"givenNames\":\"MARIA\",\"birthDate\":\"" + birth + "\",\"nationality\":\"CZE\",\"documentNumber\":\"" + otherCountry.documentNumber() + "\"}]}";
        ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers", officer, JSON, json);
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        assertThat(list.json().get("hits")).hasSize(1);
        assertThat(list.json().get("hits").get(0).asText()).contains(reason);

        JsonNode scan = scan(view(declare(traveller, flight, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(traveller)).json();
        assertThat(scan.get("decision").asText()).isEqualTo("INSPECT");
        assertThat(scan.get("message").asText()).isEqualTo("Please proceed to the customs counter with your passport.");
        assertThat(scan.get("reasons").toString()).contains(reason).contains("of interest: contact");
        for (Passport p : List.of(otherDay, otherCountry)) {
            assertThat(scan(view(declare(p, flight, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(p)).json()
                    .get("decision").asText()).as(p.nationality() + " " + p.birthDate()).isEqualTo("OPEN");
        }

        // the officer's board: the reason, need to know (no intelligence beyond the person's id and the seizure)
        JsonNode board = api.get("/api/v1/flights/" + flight + "/arrivals?date=" + today, officer).json();
        JsonNode inspect = null;
        for (JsonNode e : board.get("gateEvents")) if (e.get("decision").asText().equals("INSPECT")) inspect = e;
        assertThat(inspect).as(board.toString()).isNotNull();
        assertThat(inspect.get("reasons").toString()).contains(reason);
        String result = "/api/v1/travel/gate-events/" + inspect.get("id").asLong() + "/result";
        // bad results: a seizure result without what was found, a "nothing found" with a seizure, a zero quantity
        assertThat(api.post(result, officer, JSON, "{\"result\":\"PROHIBITED_GOODS_SEIZED\"}").status()).isEqualTo(400);
        assertThat(api.post(result, officer, JSON, "{\"result\":\"NOTHING_FOUND\",\"seizure\":{\"goods\":\"x\",\"quantity\":1}}").status()).isEqualTo(400);
        ApiClient.Response zero = api.post(result, officer, JSON, "{\"result\":\"PROHIBITED_GOODS_SEIZED\",\"seizure\":{\"goods\":\"cocaine\",\"quantity\":0}}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("detail").asText()).contains("quantity");
        ApiClient.Response seized = api.post(result, officer, JSON, "{\"result\":\"PROHIBITED_GOODS_SEIZED\",\"note\":\"dog alerted\","
                + "\"seizure\":{\"goods\":\"cocaine\",\"quantity\":1.5,\"unit\":\"KG\",\"concealment\":\"false-bottom suitcase\"}}");
        assertThat(seized.status()).as(seized.toString()).isEqualTo(200);
        String seizure = seized.json().get("seizureId").asText();
        assertThat(seized.json().get("result").asText()).isEqualTo("PROHIBITED_GOODS_SEIZED");
        assertThat(api.post(result, officer, JSON, "{\"result\":\"NOTHING_FOUND\"}").status()).isEqualTo(409);
        // the seizure record: the known person (not a second one), as traveller, the flight, the category from the goods
        JsonNode s = api.get("/api/v1/enforcement/seizures/" + seizure, token(Role.INTELLIGENCE, null)).json();
        assertThat(s.toString()).contains("PERSON:" + linked[0]).contains("TRAVELLER").contains("DRUGS_COCAINE")
                .contains("false-bottom suitcase").contains("RISK_SELECTION").contains("flight " + flight);
        assertThat(api.get("/api/v1/enforcement/seizures/" + seizure, officer).json().toString()).doesNotContain("Kowalska");
        JsonNode after = api.get("/api/v1/flights/" + flight + "/arrivals?date=" + today, officer).json();
        assertThat(after.get("gateEvents").toString()).contains(seizure);
    }

    @Test
    void rulesCreatedAtTheSameMomentAllGetTheirOwnId() throws Exception {
        String analyst = token(Role.ANALYST, null);
        int n = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<ApiClient.Response>> created = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String body = "{\"name\":\"concurrent " + i + " " + u + "\",\"expression\":\"flight == 'NONE" + i
                        + "'\",\"reason\":\"created at the same moment\"}";
                created.add(pool.submit(() -> {
                    together.await();
                    return api.post("/api/v1/travel/passenger-rules", analyst, JSON, body);
                }));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : created) {
                ApiClient.Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                ids.add(r.json().get("id").asText());
            }
            assertThat(ids).hasSize(n).allMatch(id -> id.matches("PR-[2-9A-HJ-NP-Z]{8}"));
            List<String> listed = api.get("/api/v1/travel/passenger-rules", officer).json().findValuesAsText("id");
            assertThat(listed).containsAll(ids);
            for (String id : ids) {
                assertThat(api.post("/api/v1/travel/passenger-rules/" + id + "/disable", analyst, JSON, "").status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passengerDataRulesSendToTheCounterWithTheirReasonAndCountTheirOutcomes() {
        String analyst = token(Role.ANALYST, null);
        String rule = "{\"name\":\"Young solo travellers from GRU " + u + "\",\"expression\":\"flight == '" + flight
                + "' && departure == 'GRU' && age < 30 && group_size == 1 && document_country != 'JPN'\","
                + "\"reason\":\"young solo traveller from a source airport (courier profile)\"}";
        assertThat(api.post("/api/v1/travel/passenger-rules", officer, JSON, rule).status()).isEqualTo(403);
        ApiClient.Response bad = api.post("/api/v1/travel/passenger-rules", analyst, JSON,
                "{\"name\":\"bad\",\"expression\":\"departure == 3\",\"reason\":\"x\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422); // as for cargo rules: line and column of the error
        assertThat(bad.json().get("line").asInt()).isEqualTo(1);
        assertThat(bad.json().get("column").asInt()).isPositive();
        assertThat(api.post("/api/v1/travel/passenger-rules", analyst, JSON, "{\"name\":\"no reason\",\"expression\":\"age > 1\"}").status())
                .isEqualTo(400);
        ApiClient.Response created = api.post("/api/v1/travel/passenger-rules", analyst, JSON, rule);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String ruleId = created.json().get("id").asText();
        try {
            assertThat(api.get("/api/v1/travel/passenger-rules/variables", officer).json().findValuesAsText("name"))
                    .contains("departure", "nationality", "document_country", "age", "group_size");
            String name = letters(u);
            Passport young = passport(docNo(), "Silva " + name, "Ana", "BRA", today.minusYears(22));
            Passport family = passport(docNo(), "Souza " + name, "Rui", "BRA", today.minusYears(25));
            String date = today.toString().substring(2).replace("-", "");
            String edifact = "UNA:+.? 'UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'TDT+20+" + flight + "'LOC+125+GRU'LOC+87+NRT'DTM+232:" + date + "1700:201'"
                    + "NAD+FL+++SILVA " + name + ":ANA'ATT+2++F'DTM+329:" + young.birthDate().toString().substring(2).replace("-", "")
                    + "'NAT+2+BRA'RFF+AVF:ABC123'DOC+P:110:111+" + young.documentNumber() + "'LOC+91+BRA'"
                    + "NAD+FL+++SOUZA " + name + ":RUI'ATT+2++M'DTM+329:" + family.birthDate().toString().substring(2).replace("-", "")
                    + "'NAT+2+BRA'RFF+AVF:XYZ789'DOC+P:110:111+" + family.documentNumber() + "'LOC+91+BRA'"
                    + "NAD+FL+++SOUZA " + name + ":LIA'ATT+2++F'DTM+329:150101'NAT+2+BRA'RFF+AVF:XYZ789'"
                    + "CNT+42:3'UNT+20+1'";
            ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers", officer, "text/plain", edifact);
            assertThat(list.status()).as(list.toString()).isEqualTo(201);
            assertThat(list.json().get("hits")).hasSize(1);
            assertThat(list.json().get("hits").get(0).asText()).startsWith("ANA SILVA " + name).contains(ruleId).contains("courier profile");

            JsonNode scan = scan(view(declare(young, flight, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(young)).json();
            assertThat(scan.get("decision").asText()).isEqualTo("INSPECT");
            assertThat(scan.get("message").asText()).doesNotContain(ruleId).doesNotContain("courier");
            assertThat(scan.get("reasons").toString()).contains("Passenger-data rule " + ruleId).contains("courier profile");
            // travelling with family (a booking of two): not hit
            assertThat(scan(view(declare(family, flight, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(family)).json()
                    .get("decision").asText()).isEqualTo("OPEN");

            // the officer's result is the rule's labelled outcome
            ApiClient.Response r = api.post("/api/v1/travel/gate-events/" + scan.get("eventId").asLong() + "/result", officer, JSON,
                    "{\"result\":\"NOTHING_FOUND\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode listed = null;
            for (JsonNode x : api.get("/api/v1/travel/passenger-rules", officer).json()) if (x.get("id").asText().equals(ruleId)) listed = x;
            assertThat(listed).isNotNull();
            assertThat(listed.get("referrals").asInt()).isEqualTo(1);
            assertThat(listed.get("results").asInt()).isEqualTo(1);
            assertThat(listed.get("findings").asInt()).isZero();
        } finally {
            assertThat(api.post("/api/v1/travel/passenger-rules/" + ruleId + "/disable", analyst, JSON, "").json().get("enabled").asBoolean()).isFalse();
        }
    }

    /** A passenger list (CSV) of travellers flying alike from {@code departure}: nationality PER, 30 years old, alone. */
    static String csvList(List<Passport> travellers, String departure) {
        StringBuilder b = new StringBuilder("surname,given_names,birth_date,nationality,document_number,sex,departure\n");
        for (Passport p : travellers) {
            b.append(p.surname()).append(',').append(p.givenNames()).append(',').append(p.birthDate()).append(",PER,")
                    .append(p.documentNumber()).append(",F,").append(departure).append('\n');
        }
        return b.toString();
    }

    @Test
    void officersResultsOnARouteTeachTheProfileThatRefersALaterTravellerOnThatRouteOnly() {
        String name = letters(u);
        String other = "ZU" + ThreadLocalRandom.current().nextInt(1000, 9999);
        // airports of embarkation unique to this run (the learned profile is shared by the whole server)
        String depA = "Q" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        String depB = "X" + depA.substring(1);
        List<Passport> onA = new java.util.ArrayList<>();
        List<Passport> onB = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            onA.add(passport(docNo(), "Quispe " + name, "Ana " + (char) ('A' + i), "PER", today.minusYears(30).minusDays(i)));
            onB.add(passport(docNo(), "Rojas " + name, "Eva " + (char) ('A' + i), "PER", today.minusYears(30).minusDays(i)));
        }
        assertThat(api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv", csvList(onA, depA)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/flights/" + other + "/passengers?date=" + today, officer, "text/csv", csvList(onB, depB)).status())
                .isEqualTo(201);

        // five travellers of each route sent to the counter at random; the officers find goods on route A only
        settings.setRandomShare(1);
        for (int i = 0; i < 5; i++) {
            for (boolean a : new boolean[] {true, false}) {
                Passport p = (a ? onA : onB).get(i);
                JsonNode scan = scan(view(declare(p, a ? flight : other, today, "[]", null).json()).json().at("/qr/payload").asText(),
                        Mrz.td3(p)).json();
                assertThat(scan.path("decision").asText()).as(scan.toString()).isEqualTo("INSPECT");
                ApiClient.Response r = api.post("/api/v1/travel/gate-events/" + scan.get("eventId").asLong() + "/result", officer, JSON,
                        "{\"result\":\"" + (a ? "DUTY_COLLECTED" : "NOTHING_FOUND") + "\"}");
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        }
        settings.setRandomShare(0);
        clock.advance(Duration.ofMinutes(1)); // a result counts for travellers screened after it was recorded
        // the shared clock may now stand days ahead (an earlier test of the context moved it; it never goes back while
        // moved): the flights of the rest of this test land on the clock's day
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Tokyo"));

        // the strongest evidence is named: the route (5 of 5), or the airport if an earlier run on this database used it too
        String learned = "Learned from officers' results: travellers ";
        // before arrival: the list of route A again, screened with what was learned
        ApiClient.Response again = api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv", csvList(onA, depA));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("hits").toString()).contains(learned).contains("from " + depA + " were found with goods or duty owed in ");
        assertThat(api.post("/api/v1/flights/" + other + "/passengers?date=" + today, officer, "text/csv", csvList(onB, depB))
                .json().get("hits")).isEmpty();

        // at the gate: the sixth traveller of route A is sent to the counter with the learned reason, the sixth of route B is not
        Passport a6 = onA.get(5);
        JsonNode scanA = scan(view(declare(a6, flight, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(a6)).json();
        assertThat(scanA.get("decision").asText()).isEqualTo("INSPECT");
        assertThat(scanA.get("reasons").toString()).contains(learned).contains("from " + depA + " were found with goods or duty owed in ");
        assertThat(scanA.get("message").asText()).isEqualTo("Please proceed to the customs counter with your passport.");
        assertThat(api.get("/api/v1/flights/" + flight + "/arrivals?date=" + today, officer).json().get("gateEvents").toString()).contains(learned);
        Passport b6 = onB.get(5);
        JsonNode scanB = scan(view(declare(b6, other, today, "[]", null).json()).json().at("/qr/payload").asText(), Mrz.td3(b6)).json();
        assertThat(scanB.get("decision").asText()).as(scanB.toString()).isEqualTo("OPEN");

        // rebuilt from the stored results (as at start): the same referral for route A, none for route B
        TravellerLearning rebuilt = new TravellerLearning(store, 0.5, 5, 2, 3);
        java.time.Instant now = clock.instant().plusSeconds(1);
        assertThat(rebuilt.referral(new org.smartcustoms.travel.PassengerFacts(flight, depA, "PER", "PER", "F", 30, 1, true), now))
                .get().asString().contains("from " + depA + " were found with goods or duty owed in ");
        assertThat(rebuilt.referral(new org.smartcustoms.travel.PassengerFacts(other, depB, "PER", "PER", "F", 30, 1, true), now)).isEmpty();
    }

    @Test
    void restrictedAnswersAndMissingPassengerListSendToTheCounter() {
        Passport p = passport(docNo(), "Muller", "Anna", "DEU", LocalDate.of(1990, 1, 15));
        JsonNode d = declare(p, flight, today, "[]", "{\"meatOrPlants\":true}").json();
        JsonNode scan = scan(view(d).json().at("/qr/payload").asText(), Mrz.td3(p)).json();
        assertThat(scan.get("decision").asText()).isEqualTo("INSPECT");
        assertThat(scan.get("reasons").toString()).contains("meat, plants").contains("No advance passenger list");
    }

    @Test
    void badQrCodesAreRefusedWithTheirReason() {
        Passport p = passport(docNo(), "Rossi", "Marco", "ITA", LocalDate.of(1979, 7, 7));
        JsonNode d = declare(p, flight, today.minusDays(1), "[]", null).json();
        String qr = view(d).json().at("/qr/payload").asText();
        String mrz = Mrz.td3(p);
        String[] parts = qr.split("\\.");
        String tamperedPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + (parts[1].endsWith("A") ? "BB" : "AA") + "." + parts[2];
        assertThat(scan(tamperedPayload, mrz).json().get("reason").asText()).isEqualTo("INVALID");
        assertThat(scan(qr.substring(0, qr.length() / 2), mrz).json().get("reason").asText()).isEqualTo("INVALID");
        assertThat(scan("hello", mrz).json().get("reason").asText()).isEqualTo("INVALID");
        QrTokens foreign = new QrTokens(java.util.List.of(QrTokens.newKey()));
        String forged = foreign.issue(new QrClaims(d.get("id").asText(), "00", flight, clock.instant().minusSeconds(60),
                clock.instant().plusSeconds(3600)));
        assertThat(scan(forged, mrz).json().get("reason").asText()).isEqualTo("FOREIGN");
        // a wrong check digit in the MRZ: 422 and the code is not used
        String badMrz = mrz.substring(0, mrz.length() - 1) + (mrz.endsWith("1") ? "2" : "1");
        ApiClient.Response bad = scan(qr, badMrz);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asText()).contains("check digit");
        // after its window: expired, nothing passed
        clock.advance(Duration.ofDays(4));
        JsonNode expired = scan(qr, mrz).json();
        assertThat(expired.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(expired.get("reason").asText()).isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM travel_gate_event WHERE declaration_id = ? AND decision <> 'REFUSED'",
                Integer.class, d.get("id").asText())).isZero();
        assertThat(jdbc.queryForObject("SELECT qr_used_at FROM travel_declaration WHERE id = ?", java.sql.Timestamp.class,
                d.get("id").asText())).isNull();
    }

    @Test
    void badDeclarationsAndPassengerListsAreRefusedWhole() {
        Passport p = passport(docNo(), "Dupont", "Marie", "FRA", LocalDate.of(1988, 3, 3));
        String mrz = Mrz.td3(p);
        String wrongDigit = mrz.substring(0, 53) + (mrz.charAt(53) == '0' ? '1' : '0') + mrz.substring(54);
        ApiClient.Response r = api.post("/api/v1/travellers/declarations", null, JSON, "{\"passport\":{\"mrz\":" + q(wrongDigit)
                + "},\"flight\":\"" + flight + "\",\"arrivalDate\":\"" + today + "\",\"items\":[]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("check digit");
        ApiClient.Response negative = declare(p, flight, today, "[{\"kind\":\"ALCOHOL\",\"quantity\":-1}]", null);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("detail").asText()).contains("quantity");
        assertThat(declare(p, "not a flight", today, "[]", null).status()).isEqualTo(400);
        assertThat(declare(p, flight, today.plusDays(30), "[]", null).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/travellers/declarations", null, JSON, "{not json").status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM travel_declaration WHERE surname = 'DUPONT'", Integer.class)).isZero();

        for (String bad : new String[] {
                "UNA:+.? 'UNB+UNOA:4+X+Y+261201:0900+1'UNH+1+PAXLST:D:02B:UN:IATA'TDT+20+" + flight + "'NAD+FL+++DOE:JOHN'DTM+329:991340'",
                "UNH+1+INVOIC:D:02B:UN'TDT+20+" + flight + "'UNT+2+1'",
                "surname,birth_date\nDOE,1980-01-01\n",
                "{\"passengers\":[{\"surname\":\"DOE\",\"birthDate\":\"yesterday\",\"nationality\":\"GBR\"}]}"}) {
            ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/plain", bad);
            assertThat(list.status()).as(bad).isEqualTo(422);
            assertThat(list.json().get("errors")).isNotEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM travel_passenger WHERE flight = ?", Integer.class, flight)).isZero();
    }

    @Test
    void forgedAndReplayedWebhooksRecordNothing() {
        Passport p = passport(docNo(), "Kim", "Minji", "KOR", LocalDate.of(1995, 12, 24));
        JsonNode d = declare(p, flight, today, "[{\"kind\":\"TOBACCO\",\"quantity\":400}]", null).json();
        assertThat(d.get("dutyDue").asLong()).isEqualTo(3000);
        String body = "{\"id\":\"evt_forged_" + u + "\",\"type\":\"payment.succeeded\",\"paymentId\":\"PAYNONE\",\"amount\":3000,\"currency\":\"JPY\"}";
        ApiClient.Response forged = api.request("POST", "/api/v1/payments/webhooks/simulated", null,
                Map.of("Sim-Signature", "t=" + clock.instant().getEpochSecond() + ",v1=" + "0".repeat(64), "Content-Type", JSON),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("detail").asText()).contains("signature");
        ApiClient.Response unsigned = api.post("/api/v1/payments/webhooks/simulated", null, JSON, body);
        assertThat(unsigned.status()).isEqualTo(400);

        // a correctly signed event for a real payment is applied once; the same event again is refused (replay)
        JsonNode payment = pay(d, "key-tob-" + u, "tok_visa_1111").json();
        String evt = "{\"id\":\"evt_replay_" + u + "\",\"type\":\"payment.succeeded\",\"paymentId\":\"" + payment.get("id").asText()
                + "\",\"amount\":3000,\"currency\":\"JPY\",\"providerRef\":\"x\"}";
        PaymentProvider.Webhook w = provider.sign(evt);
        ApiClient.Response first = api.request("POST", "/api/v1/payments/webhooks/simulated", null,
                Map.of("Sim-Signature", w.headers().get("Sim-Signature"), "Content-Type", JSON), evt.getBytes(StandardCharsets.UTF_8));
        // the payment was already PAID by the provider's own event: a second success for it is a conflict, nothing changes
        assertThat(first.status()).isEqualTo(409);
        ApiClient.Response replay = api.request("POST", "/api/v1/payments/webhooks/simulated", null,
                Map.of("Sim-Signature", w.headers().get("Sim-Signature"), "Content-Type", JSON), evt.getBytes(StandardCharsets.UTF_8));
        assertThat(replay.status()).isEqualTo(409);
        assertThat(view(d).json().get("paid").asLong()).isEqualTo(3000);
        // a stale signature: refused
        clock.advance(Duration.ofMinutes(10));
        ApiClient.Response stale = api.request("POST", "/api/v1/payments/webhooks/simulated", null,
                Map.of("Sim-Signature", w.headers().get("Sim-Signature"), "Content-Type", JSON), evt.getBytes(StandardCharsets.UTF_8));
        assertThat(stale.status()).isEqualTo(400);
    }

    @Test
    void refundsNeedAReasonAndASecondPerson() {
        Passport p = passport(docNo(), "Silva", "Joao", "PRT", LocalDate.of(1970, 2, 2));
        JsonNode d = declare(p, flight, today, "[{\"kind\":\"OTHER\",\"quantity\":1,\"value\":300000,\"description\":\"watch\"}]", null).json();
        assertThat(d.get("dutyDue").asLong()).isEqualTo(45000);
        JsonNode payment = pay(d, "key-ref-" + u, "tok_visa_9999").json();
        String pid = payment.get("id").asText();
        assertThat(api.post("/api/v1/travel/payments/" + pid + "/refunds", officer, JSON, "{\"amount\":1000}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/travel/payments/" + pid + "/refunds", officer, JSON, "{\"amount\":99999,\"reason\":\"x\"}").status()).isEqualTo(400);
        JsonNode refund = api.post("/api/v1/travel/payments/" + pid + "/refunds", officer, JSON,
                "{\"amount\":45000,\"reason\":\"watch re-exported on departure\"}").json();
        assertThat(api.post("/api/v1/travel/refunds/" + refund.get("id").asLong() + "/approve", officer, JSON, "").status()).isEqualTo(409);
        String second = token(Role.OFFICER, null);
        ApiClient.Response ok = api.post("/api/v1/travel/refunds/" + refund.get("id").asLong() + "/approve", second, JSON, "");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(view(d).json().get("refunded").asLong()).isEqualTo(45000);
        // the provider gave the money back: nothing is left of the charge to refund
        assertThat(provider.refund(pid, 1, payment.get("currency").asText(), "probe-" + u).declineReason())
                .isEqualTo("the refund exceeds what is left of the charge");
        // approving again is refused and refunds nothing more
        assertThat(api.post("/api/v1/travel/refunds/" + refund.get("id").asLong() + "/approve", second, JSON, "").status()).isEqualTo(409);
        assertThat(view(d).json().get("refunded").asLong()).isEqualTo(45000);
    }

    @Test
    void recordsWithoutAHitArePurgedAfterTheRetentionPeriodHitsAreKept() {
        String name = letters(u);
        LocalDate birth = LocalDate.of(1960, 1, 20);
        assertThat(api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\":\"WL-PURGE-" + u + "\",\"partyId\":\"PERSON:" + birth
                + ":NLD\",\"name\":\"Pieter Jansen" + name + "\",\"reason\":\"test\"}").status()).isEqualTo(201);
        Passport clean = passport(docNo(), "Visser" + name, "Anna", "NLD", LocalDate.of(1992, 5, 5));
        Passport listed = passport(docNo(), "Jansen" + name, "Pieter", "NLD", birth);
        JsonNode a = declare(clean, flight, today, "[]", null).json();
        JsonNode b = declare(listed, flight, today, "[]", null).json();
        assertThat(scan(view(b).json().at("/qr/payload").asText(), Mrz.td3(listed)).json().get("decision").asText()).isEqualTo("INSPECT");
        assertThat(api.post("/api/v1/travel/purge", officer, JSON, "").status()).isEqualTo(403);
        // within the retention period nothing of this test goes
        api.post("/api/v1/travel/purge", ADMIN, JSON, "");
        assertThat(view(a).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(31));
        ApiClient.Response purge = api.post("/api/v1/travel/purge", ADMIN, JSON, "");
        assertThat(purge.status()).as(purge.toString()).isEqualTo(200);
        assertThat(purge.json().get("declarations").asInt()).isPositive();
        assertThat(view(a).status()).isEqualTo(404);
        assertThat(view(b).status()).as("a traveller with a hit is kept").isEqualTo(200);
    }
}
