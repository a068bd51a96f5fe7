package org.smartcustoms.server.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;
import org.smartcustoms.travel.Mrz;
import org.smartcustoms.travel.Passport;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The "done when" walk in a real browser: a traveller declares 4 bottles on a phone-sized window, sees the
 * duty for one bottle, pays with the simulated provider and gets the QR code; the kiosk scans a photo of it with the
 * matching MRZ (OPEN); the same code again is REFUSED (replayed); a watch-listed traveller is sent to the counter and
 * the officer sees why on the arrivals board and records the result. Pages are photographed into target/screenshots.
 */
@Tag("browser")
@ApiTest
abstract class AbstractTravelBrowserTest extends ApiTestSupport {
    static final Path SHOTS = Path.of("target", "screenshots");
    static BrowserSupport browser;
    @Autowired
    TravelSettings settings;

    @BeforeEach
    void start() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        settings.setRandomShare(0);
    }

    @AfterEach
    void restore() {
        settings.setRandomShare(0.02);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.close();
        browser = null;
    }

    @Test
    void travellerDeclaresPaysAndPassesTheGateOnceWatchListedTravellerIsReferred() throws IOException {
        BrowserSupport b = browser;
        String u = TestUsers.unique();
        String letters = AbstractTravelApiTest.letters(u);
        String flight = "ZB" + ThreadLocalRandom.current().nextInt(1000, 9999);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        Passport hanako = AbstractTravelApiTest.passport("TK" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999), "Tanaka" + letters,
                "Hanako", "JPN", LocalDate.of(1985, 4, 2));
        LocalDate birth = LocalDate.of(1968, 11, 5);
        Passport listed = AbstractTravelApiTest.passport("WL" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999), "Kowalski" + letters,
                "Piotr", "POL", birth);
        String entry = "WL-TRAVELLER-" + u;
        assertThat(api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\":\"" + entry + "\",\"partyId\":\"PERSON:" + birth
                + ":POL\",\"name\":\"Piotr Kowalski" + letters + "\",\"reason\":\"tobacco smuggling network\",\"source\":\"test\"}").status())
                .isEqualTo(201);
        String officerName = "officer-" + u;
        String officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        String gate = token(Role.GATE, null);
        ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv",
                "surname,given_names,birth_date,nationality,document_number,sex\n"
                        + hanako.surname().toUpperCase() + ",HANAKO,1985-04-02,JPN," + hanako.documentNumber() + ",F\n"
                        + listed.surname().toUpperCase() + ",PIOTR," + birth + ",POL," + listed.documentNumber() + ",M\n");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);

        // the traveller, on a phone
        b.driver.manage().window().setSize(new Dimension(390, 844));
        b.driver.get(b.base + "/travel/index.html");
        b.js("sessionStorage.clear();");
        b.driver.navigate().refresh();
        b.visible(By.id("t-mrz")).sendKeys(Mrz.td3(hanako));
        b.driver.findElement(By.id("t-flight")).sendKeys(flight);
        b.js("document.getElementById('t-arrival').value = arguments[0];", today.toString());
        b.driver.findElement(By.id("t-alcohol")).sendKeys("4");
        assertThat(((Number) b.js("return document.documentElement.scrollWidth;")).intValue()).as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(390);
        phoneShot(b, "travel-01-declaration-form");
        b.driver.findElement(By.id("t-submit")).click();
        WebElement duty = b.visible(By.id("t-duty"));
        assertThat(duty.getText()).contains("608");
        assertThat(b.driver.findElement(By.id("t-duty-lines")).getText()).contains("4 bottle(s)").contains("3 free").contains("1 over the allowance");
        assertThat(b.driver.findElements(By.id("t-qr-img"))).as("no QR code before payment").isEmpty();
        phoneShot(b, "travel-02-duty");

        b.visible(By.id("t-pay")).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.id("t-qr-img"), "data-ready", "true"));
        assertThat(b.visible(By.id("t-receipt")).getText()).contains("608 JPY").contains("4242");
        phoneShot(b, "travel-03-qr");
        String payload = (String) b.js("return document.getElementById('t-qr-payload').textContent;");
        String dataUrl = b.driver.findElement(By.id("t-qr-img")).getAttribute("src");
        Path png = Files.createTempFile("travel-qr-", ".png");
        Files.write(png, Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));

        // the kiosk: a photo of the code and the passport's MRZ
        b.driver.manage().window().setSize(new Dimension(900, 1000));
        b.driver.get(b.base + "/travel/kiosk.html");
        b.visible(By.id("k-token")).sendKeys(gate);
        b.driver.findElement(By.id("k-mrz")).sendKeys(Mrz.td3(hanako));
        b.driver.findElement(By.id("k-image")).sendKeys(png.toAbsolutePath().toString());
        b.driver.findElement(By.id("k-scan")).click();
        decision(b, "OPEN");
        shot(b, "travel-04-kiosk-open");

        // the same code again: refused as replayed; the traveller's message stays neutral
        b.driver.findElement(By.id("k-qr")).sendKeys(payload);
        b.driver.findElement(By.id("k-scan")).click();
        decision(b, "REFUSED");
        assertThat(b.driver.findElement(By.id("k-reasons")).getText()).contains("REPLAYED");
        assertThat(b.driver.findElement(By.id("k-message")).getText()).doesNotContain("REPLAYED");
        shot(b, "travel-05-kiosk-replayed");

        // the watch-listed traveller declares (no goods) and is sent to the counter
        JsonNode d = api.post("/api/v1/travellers/declarations", null, JSON, "{\"passport\":{\"mrz\":" + AbstractTravelApiTest.q(Mrz.td3(listed))
                + "},\"flight\":\"" + flight + "\",\"arrivalDate\":\"" + today + "\",\"items\":[]}").json();
        String listedQr = d.at("/qr/payload").asText();
        b.js("document.getElementById('k-mrz').value = ''; document.getElementById('k-qr').value = '';");
        b.driver.findElement(By.id("k-mrz")).sendKeys(Mrz.td3(listed));
        b.driver.findElement(By.id("k-qr")).sendKeys(listedQr);
        b.driver.findElement(By.id("k-scan")).click();
        decision(b, "INSPECT");
        assertThat(b.driver.findElement(By.id("k-message")).getText()).contains("customs counter").doesNotContain(entry);

        // the officer's arrivals board shows the referral and why; the officer records the result
        b.driver.manage().window().setSize(new Dimension(1400, 1000));
        b.driver.get(b.base + "/");
        b.useToken(officer, officerName, "OFFICER", null);
        b.open("arrivals");
        b.visible(By.cssSelector("#flights-table a[data-flight='" + flight + "']")).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElement(By.id("gate-events")).getText().contains(entry));
        assertThat(b.driver.findElement(By.id("gate-events")).getText()).contains("INSPECT").contains("tobacco smuggling network").contains("OPEN").contains("REFUSED");
        assertThat(b.driver.findElement(By.id("travel-passengers")).getText()).contains(entry);
        assertThat(b.driver.findElement(By.id("travel-declarations")).getText()).contains("PASSED").contains("REFERRED");
        b.screenshot("travel-06-arrivals-board");
        String eventId = b.driver.findElement(By.cssSelector("#gate-events button[id^='record-']")).getAttribute("id").substring("record-".length());
        new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("result-" + eventId))).selectByValue("UNDECLARED_GOODS");
        b.driver.findElement(By.id("note-" + eventId)).sendKeys("2 cartons found");
        b.driver.findElement(By.id("record-" + eventId)).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElements(By.id("record-" + eventId)).isEmpty()
                        && dr.findElement(By.id("gate-events")).getText().contains("2 cartons found"));
        assertThat(jdbc.queryForObject("SELECT result FROM travel_gate_event WHERE id = ?", String.class, Long.parseLong(eventId)))
                .isEqualTo("UNDECLARED_GOODS");
        b.screenshot("travel-07-result-recorded");
        Files.deleteIfExists(png);
    }

    @Test
    void travellerLinkedToASeizureIsReferredWithTheEnforcementReasonAndTheSeizureIsRecordedFromTheBoard() throws IOException {
        BrowserSupport b = browser;
        String u = TestUsers.unique();
        String letters = AbstractTravelApiTest.letters(u);
        String flight = "ZE" + ThreadLocalRandom.current().nextInt(1000, 9999);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        LocalDate birth = LocalDate.of(1979, 6, 14);
        String[] linked = TravelFixtures.personLinkedToSeizure(api, token(Role.INTELLIGENCE, null), "Diego Herrera " + letters, birth, "CO",
                today.minusMonths(3));
        Passport diego = AbstractTravelApiTest.passport("CO" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999), "Herrera " + letters,
                "Diego", "COL", birth);
        String officerName = "officer-" + u;
        String officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        ApiClient.Response list = api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv",
                "surname,given_names,birth_date,nationality,document_number,sex,departure\n"
                        + diego.surname().toUpperCase() + ",DIEGO," + birth + ",COL," + diego.documentNumber() + ",M,BOG\n");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        String qr = api.post("/api/v1/travellers/declarations", null, JSON, "{\"passport\":{\"mrz\":" + AbstractTravelApiTest.q(Mrz.td3(diego))
                + "},\"flight\":\"" + flight + "\",\"arrivalDate\":\"" + today + "\",\"items\":[]}").json().at("/qr/payload").asText();

        // the gate: the traveller reads a neutral message, the officer view says why
        b.driver.manage().window().setSize(new Dimension(900, 1000));
        b.driver.get(b.base + "/travel/kiosk.html");
        b.visible(By.id("k-token")).sendKeys(token(Role.GATE, null));
        b.driver.findElement(By.id("k-mrz")).sendKeys(Mrz.td3(diego));
        b.driver.findElement(By.id("k-qr")).sendKeys(qr);
        b.driver.findElement(By.id("k-scan")).click();
        decision(b, "INSPECT");
        assertThat(b.driver.findElement(By.id("k-message")).getText()).contains("customs counter").doesNotContain(linked[0]).doesNotContain("seizure");
        shot(b, "travel-08-kiosk-enforcement-inspect");

        // the arrivals board: the enforcement reason (person id, seizure, of interest), then the seizure recorded from it
        String reason = "traveller matches person " + linked[0] + ", linked to seizure " + linked[1] + ": 12 kg cocaine in suitcase lining";
        b.driver.manage().window().setSize(new Dimension(1400, 1100));
        b.driver.get(b.base + "/");
        b.useToken(officer, officerName, "OFFICER", null);
        b.open("arrivals");
        b.visible(By.cssSelector("#flights-table a[data-flight='" + flight + "']")).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElement(By.id("gate-events")).getText().contains(reason));
        assertThat(b.driver.findElement(By.id("gate-events")).getText()).contains("INSPECT").contains("of interest: contact");
        assertThat(b.driver.findElement(By.id("travel-passengers")).getText()).contains(reason);
        String eventId = b.driver.findElement(By.cssSelector("#gate-events button[id^='record-']")).getAttribute("id").substring("record-".length());
        new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("result-" + eventId))).selectByValue("PROHIBITED_GOODS_SEIZED");
        b.visible(By.id("goods-" + eventId)).sendKeys("cocaine");
        b.driver.findElement(By.id("qty-" + eventId)).sendKeys("2.4");
        b.driver.findElement(By.id("unit-" + eventId)).sendKeys("KG");
        b.driver.findElement(By.id("conceal-" + eventId)).sendKeys("false-bottom suitcase");
        b.driver.findElement(By.id("note-" + eventId)).sendKeys("dog alerted at the belt");
        b.screenshot("travel-09-arrivals-enforcement-reason");
        b.driver.findElement(By.id("record-" + eventId)).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElements(By.id("record-" + eventId)).isEmpty()
                        && !dr.findElements(By.cssSelector("#gate-events a.seizure-link")).isEmpty());
        String seizure = b.driver.findElement(By.cssSelector("#gate-events a.seizure-link")).getText();
        assertThat(seizure).startsWith("S-").isNotEqualTo(linked[1]);
        b.screenshot("travel-10-seizure-recorded");
        JsonNode s = api.get("/api/v1/enforcement/seizures/" + seizure, token(Role.INTELLIGENCE, null)).json();
        assertThat(s.toString()).contains("PERSON:" + linked[0]).contains("TRAVELLER").contains("false-bottom suitcase").contains("BOG");

        // an analyst writes a passenger-data rule on the same page; it is in force at once, and disabled again
        String analystName = "analyst-" + u;
        String analyst = TestUsers.token(users, analystName, Role.ANALYST, null);
        b.useToken(analyst, analystName, "ANALYST", null);
        b.open("arrivals");
        b.visible(By.id("f-pruleName")).sendKeys("Solo travellers from BOG " + u);
        b.driver.findElement(By.id("f-pruleReason")).sendKeys("alone from a source airport");
        b.driver.findElement(By.id("f-pruleExpr")).sendKeys("flight == '" + flight + "' && departure == 'BOG' && group_size == 1");
        b.driver.findElement(By.cssSelector("#prule-form button[type='submit']")).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElement(By.id("passenger-rules")).getText().contains("Solo travellers from BOG " + u));
        b.screenshot("travel-11-passenger-rules-analyst");
        for (JsonNode r : api.get("/api/v1/travel/passenger-rules", analyst).json()) {
            if (r.get("name").asText().endsWith(u) && r.get("enabled").asBoolean()) {
                assertThat(api.post("/api/v1/travel/passenger-rules/" + r.get("id").asText() + "/disable", analyst, JSON, "").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void travellerReferredByTheProfileLearnedFromOfficersResultsShowsTheLearnedReasonOnTheBoard() throws IOException {
        BrowserSupport b = browser;
        String u = TestUsers.unique();
        String letters = AbstractTravelApiTest.letters(u);
        String flight = "ZL" + ThreadLocalRandom.current().nextInt(1000, 9999);
        String departure = "W" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        String officerName = "officer-" + u;
        String officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        String gate = token(Role.GATE, null);
        String other = "ZK" + ThreadLocalRandom.current().nextInt(1000, 9999);
        String otherDeparture = "V" + departure.substring(1);
        java.util.List<Passport> travellers = new java.util.ArrayList<>();
        java.util.List<Passport> others = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            travellers.add(AbstractTravelApiTest.passport("L" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999), "Mamani " + letters,
                    "Rosa " + (char) ('A' + i), "PER", today.minusYears(41).minusDays(i)));
            others.add(AbstractTravelApiTest.passport("K" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999), "Flores " + letters,
                    "Luz " + (char) ('A' + i), "PER", today.minusYears(41).minusDays(i)));
        }
        assertThat(api.post("/api/v1/flights/" + flight + "/passengers?date=" + today, officer, "text/csv",
                AbstractTravelApiTest.csvList(travellers, departure)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/flights/" + other + "/passengers?date=" + today, officer, "text/csv",
                AbstractTravelApiTest.csvList(others, otherDeparture)).status()).isEqualTo(201);
        // five travellers of each route sent to the counter at random: goods found on this route, nothing on the other;
        // then the sixth of this route arrives
        settings.setRandomShare(1);
        for (int i = 0; i < 11; i++) {
            if (i == 10) settings.setRandomShare(0);
            boolean mine = i % 2 == 0;
            Passport p = (mine ? travellers : others).get(mine ? i / 2 : i / 2);
            String qr = api.post("/api/v1/travellers/declarations", null, JSON, "{\"passport\":{\"mrz\":" + AbstractTravelApiTest.q(Mrz.td3(p))
                    + "},\"flight\":\"" + (mine ? flight : other) + "\",\"arrivalDate\":\"" + today + "\",\"items\":[]}").json().at("/qr/payload").asText();
            JsonNode scan = api.post("/api/v1/egate/scan", gate, JSON, "{\"qr\":" + AbstractTravelApiTest.q(qr) + ",\"mrz\":"
                    + AbstractTravelApiTest.q(Mrz.td3(p)) + "}").json();
            assertThat(scan.get("decision").asText()).as(scan.toString()).isEqualTo("INSPECT");
            if (i < 10) {
                assertThat(api.post("/api/v1/travel/gate-events/" + scan.get("eventId").asLong() + "/result", officer, JSON,
                        mine ? "{\"result\":\"UNDECLARED_GOODS\",\"note\":\"undeclared electronics\"}" : "{\"result\":\"NOTHING_FOUND\"}")
                        .status()).isEqualTo(200);
            }
        }
        String reason = "Learned from officers' results: travellers ";
        b.driver.manage().window().setSize(new Dimension(1400, 1100));
        b.driver.get(b.base + "/#/arrivals"); // not "#/": the user switch below re-renders on the change to "#/"
        b.useToken(officer, officerName, "OFFICER", null);
        b.open("arrivals");
        b.visible(By.cssSelector("#flights-table a[data-flight='" + flight + "']")).click();
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(dr -> dr.findElement(By.id("gate-events")).getText().contains(reason));
        assertThat(b.driver.findElement(By.id("gate-events")).getText()).contains("from " + departure + " were found with goods or duty owed in ");
        b.screenshot("travel-12-arrivals-learned-reason");
    }

    /** Waits for the kiosk's decision (the result is replaced on every scan: a stale element is looked up again). */
    private static void decision(BrowserSupport b, String expected) {
        b.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.id("k-decision"), "data-decision", expected));
    }

    private static void phoneShot(BrowserSupport b, String name) throws IOException {
        b.js("window.scrollTo(0, 0);");
        Number height = (Number) b.js("return document.documentElement.scrollHeight;");
        b.driver.manage().window().setSize(new Dimension(390, Math.min(4000, height.intValue() + 140)));
        try {
            shot(b, name);
        } finally {
            b.driver.manage().window().setSize(new Dimension(390, 844));
        }
    }

    private static void shot(BrowserSupport b, String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) b.driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
