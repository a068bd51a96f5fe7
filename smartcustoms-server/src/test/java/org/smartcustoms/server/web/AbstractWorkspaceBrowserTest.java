package org.smartcustoms.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web workspace in a real (headless) browser against the real server on H2: a trader lodges a
 * declaration with the form and finds it in "my declarations"; an officer finds it in the worklist, opens
 * it, records the inspection result (release) and sees the dashboard move; a trader can neither see nor
 * call officer functions. Every main page is photographed into target/screenshots.
 *
 * <p>Nothing is stored behind the server's back: the declaration goes to control because the real risk step
 * (watch-listed exporter) routes it RED, and its duty and taxes are the real tariff step's assessment. Without
 * the tariff step (TariffAssessmentStep) or the risk step (RiskAssessmentStep),
 * {@link #traderLodgesOfficerControlsAndReleases} fails.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ApiTest
abstract class AbstractWorkspaceBrowserTest extends ApiTestSupport {
    /** A party of its own: the trader's pages (own declarations, notifications) show only this test's declarations. */
    static final String PARTY = "GB" + String.format("%012d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    static final String PASSWORD = "correct horse battery";
    static final String ADMIN_TOKEN = ApiTest.ADMIN_TOKEN;
    static BrowserSupport browser;

    static String suffix = UUID.randomUUID().toString().substring(0, 6);
    static String trader;
    static String officer;
    static String lrn;
    static String declarationId;

    @BeforeAll
    static void noBrowserYet() {
        // statics are shared by the H2 and PostgreSQL subclasses: every class starts with fresh users
        browser = null;
        suffix = UUID.randomUUID().toString().substring(0, 6);
        trader = null;
        officer = null;
        lrn = null;
        declarationId = null;
    }

    @BeforeEach
    void setUp() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        if (trader == null) {
            trader = "trader-" + suffix;
            officer = "officer-" + suffix;
            users.create(trader, PASSWORD, Role.TRADER, PARTY);
            users.create(officer, PASSWORD, Role.OFFICER, null);
        }
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) browser.close();
    }

    @Test
    @Order(1)
    void traderLodgesOfficerControlsAndReleases() throws IOException {
        BrowserSupport b = browser;
        b.driver.get(b.base + "/");
        b.visible(By.id("login-form"));
        b.screenshot("01-login");

        // wrong password: readable message, still on the login page
        b.driver.findElement(By.id("username")).sendKeys(officer);
        b.driver.findElement(By.id("password")).sendKeys("wrong password");
        b.driver.findElement(By.id("login-button")).click();
        assertThat(b.visible(By.cssSelector("#login-message .alert")).getText()).contains("wrong password");

        // the dashboard before the new declaration
        b.login(officer, PASSWORD);
        b.open("dashboard");
        long declarationsBefore = kpi("kpi-declarations");
        long inspectedBefore = kpi("kpi-inspected");
        b.logout();

        // watch-list the exporter and target the commodity: the risk step itself sends the declaration to control
        watchListExporterAndCommodity();

        // trader: lodge a declaration with the form (two items)
        b.login(trader, PASSWORD);
        assertThat(b.driver.findElement(By.id("current-role")).getText()).isEqualTo("TRADER");
        b.visible(By.id("my-declarations"));
        b.open("submit");
        lrn = "WEB-" + suffix.toUpperCase();
        type("f-lrn", lrn);
        type("f-declarantName", "Brokers & Co Ltd");
        type("f-declarantCountry", "GB");
        type("f-importerName", "Brokers & Co Ltd");
        type("f-importerCountry", "GB");
        type("f-exporterName", "Shenzhen Bright Power Co., Ltd");
        type("f-exporterCountry", "CN");
        type("f-invoiceAmount", "4100");
        new Select(b.driver.findElement(By.id("f-deliveryTerms"))).selectByValue("CIF");
        new Select(b.driver.findElement(By.id("f-borderModeCode"))).selectByValue("1");
        type("f-departureCountry", "CN");
        fillItem(0, "Laptop power supplies, 65 W", "850440", "CN", "2400", "NAR", "312", "358", "2500");
        b.driver.findElement(By.id("add-item")).click();
        fillItem(1, "Cotton T-shirts, knitted", "610910", "BD", "1800", "NAR", "225", "261", "1600");
        b.screenshot("02-trader-new-declaration");
        b.driver.findElement(By.id("submit-declaration")).click();
        WebElement receipt = b.visible(By.id("submit-receipt"));
        assertThat(receipt.getText()).contains(lrn);
        declarationId = b.driver.findElement(By.id("receipt-link")).getText();
        assertThat(declarationId).matches("\\d{2}SC[0-9A-Z]{14}");

        // ... and finds it in "my declarations"
        b.open("my");
        WebElement mine = b.visible(By.id("my-declarations"));
        assertThat(mine.getText()).contains(lrn).contains(declarationId);
        b.screenshot("03-trader-my-declarations");

        // a form error is shown readably: same LRN with a bad HS code
        b.open("submit");
        type("f-lrn", lrn + "-X");
        fillItem(0, "Something", "12AB", "CN", "1", "NAR", "1", "1", "10");
        b.driver.findElement(By.id("submit-declaration")).click();
        WebElement error = b.visible(By.cssSelector("#submit-result .alert.error"));
        // in people's words, once, and not hidden under the sticky top bar
        assertThat(error.getText()).contains("Item 1 — HS code: ").doesNotContain("items[0]");
        assertThat(error.findElements(By.cssSelector("ul.errors li"))).hasSize(1);
        b.waitFor().until(d -> ((Number) b.js("const r = document.getElementById('submit-result').getBoundingClientRect();"
                + "return r.top - document.querySelector('.topbar').getBoundingClientRect().bottom;")).doubleValue() >= 0);
        b.screenshot("04a-trader-form-error");

        // a zero customs value: one message, the field in words
        b.open("submit");
        type("f-lrn", lrn + "-Z");
        fillItem(0, "Something", "850440", "CN", "1", "NAR", "1", "1", "0");
        b.driver.findElement(By.id("submit-declaration")).click();
        WebElement zero = b.visible(By.cssSelector("#submit-result .alert.error"));
        assertThat(zero.findElements(By.cssSelector("ul.errors li"))).hasSize(1);
        assertThat(zero.getText()).contains("Item 1 — customs value: ");

        // search by LRN on "my declarations"
        b.open("my");
        b.visible(By.id("my-declarations"));
        type("f-q", lrn.toLowerCase());
        b.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        b.waitFor().until(d -> d.findElements(By.cssSelector("#my-declarations tbody tr")).size() == 1
                && d.findElement(By.id("my-declarations")).getText().contains(declarationId));

        b.open("notifications");
        assertThat(b.visible(By.id("notifications")).getText()).contains(declarationId);
        b.screenshot("04-trader-notifications");

        b.open("declaration/" + declarationId);
        b.visible(By.id("items-table"));
        b.screenshot("05-trader-declaration-detail");
        b.logout();

        // the acceptance steps assessed duty and taxes and routed the declaration RED, under control
        StoredDeclaration stored = intake.store().find(declarationId).orElseThrow();
        assertThat(stored.status()).as("status after the acceptance steps").isEqualTo(DeclarationStatus.UNDER_CONTROL);
        assertThat(stored.riskChannel()).isEqualTo("RED");

        // officer: worklist → detail → record result (release)
        b.login(officer, PASSWORD);
        assertThat(b.driver.getCurrentUrl()).endsWith("#/worklist");
        WebElement row = b.visible(By.cssSelector("#worklist tr[data-id='" + declarationId + "']"));
        assertThat(row.getText()).contains(lrn);
        b.screenshot("06-officer-worklist");
        row.click();
        b.waitFor().until(ExpectedConditions.textToBe(By.id("detail-id"), declarationId));
        assertThat(b.driver.findElements(By.id("risk-none"))).as("the risk step's decision is shown").isEmpty();
        assertThat(b.driver.findElement(By.id("scorecard")).getText()).contains("Undervaluation").contains("Security");
        assertThat(b.driver.findElement(By.id("reasons")).getText())
                .contains("Watch list entry WL-BROWSER-" + suffix)
                .contains("Commodity target CT-BROWSER-" + suffix);
        assertThat(b.driver.findElement(By.cssSelector(".riskhead .bigscore")).getText()).startsWith(String.valueOf(stored.riskScore()));
        assertThat(b.driver.findElements(By.id("assessment-none"))).as("the tariff step's assessment is shown").isEmpty();
        assertThat(b.driver.findElements(By.id("assessment-incomplete"))).as("every item assessed").isEmpty();
        String taxes = b.driver.findElement(By.id("assessment")).findElement(By.xpath("ancestor::section")).getText();
        assertThat(taxes).contains("850440").contains("610910").contains("MFN").contains("Consumption tax");
        String total = b.driver.findElement(By.cssSelector("b.total")).getText();
        // amounts in the currency's minor units: yen without decimals
        int digits = java.util.Currency.getInstance(stored.assessment().currency()).getDefaultFractionDigits();
        assertThat(total).as("total duty and taxes").isEqualTo(String.format(java.util.Locale.ROOT, "%,." + digits + "f %s",
                stored.assessment().total().amount(), stored.assessment().currency()));
        assertThat(b.driver.findElement(By.id("history")).getText()).contains("UNDER CONTROL");
        b.screenshot("07-officer-declaration-detail");

        // an override needs a reason: the page will not send one without it
        assertThat(b.driver.findElement(By.id("f-reason")).getAttribute("required")).isNotNull();
        b.driver.findElement(By.id("override-button")).click();
        assertThat((Boolean) b.js("return document.getElementById('f-reason').validity.valueMissing;")).isTrue();
        assertThat(b.driver.findElement(By.id("override-result")).getText()).isEmpty();

        // nothing is pre-selected: releasing needs an explicit choice, and the page does not send without one
        Select outcome = new Select(b.driver.findElement(By.cssSelector("#inspection-form select[name=outcome]")));
        Select decision = new Select(b.driver.findElement(By.cssSelector("#inspection-form select[name=decision]")));
        assertThat(outcome.getFirstSelectedOption().getAttribute("value")).isEmpty();
        assertThat(decision.getFirstSelectedOption().getAttribute("value")).isEmpty();
        b.driver.findElement(By.id("record-inspection")).click();
        assertThat((Boolean) b.js("return document.querySelector('#inspection-form select[name=decision]').validity.valueMissing;")).isTrue();
        assertThat(intake.store().find(declarationId).orElseThrow().status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        outcome.selectByValue("UNDERVALUATION");
        decision.selectByValue("RELEASE");
        type("f-dutyAmount", "150");
        b.driver.findElement(By.cssSelector("#inspection-form textarea[name=notes]")).sendKeys("Container opened, goods as declared.");
        b.driver.findElement(By.id("record-inspection")).click();
        b.waitFor().until(d -> intake.store().find(declarationId).orElseThrow().status() == DeclarationStatus.RELEASED);
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "RELEASED"));
        assertThat(b.visible(By.id("inspections")).getText()).contains("UNDERVALUATION").contains("Container opened");
        assertThat(b.driver.findElements(By.id("inspection-form"))).as("no result on a released declaration").isEmpty();
        b.screenshot("08-officer-after-inspection");

        // officer search by MRN on the declarations list
        b.open("declarations");
        b.visible(By.id("declarations"));
        type("f-q", declarationId);
        b.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        b.waitFor().until(d -> d.findElements(By.cssSelector("#declarations tbody tr")).size() == 1
                && d.findElement(By.id("declarations")).getText().contains(declarationId));
        b.logout();

        // the trader sees the outcome: the Control card changed, a payment order with the new total
        b.login(trader, PASSWORD);
        b.open("declaration/" + declarationId);
        assertThat(b.visible(By.id("control-status")).getText()).contains("Control completed");
        WebElement orders = b.visible(By.id("payment-orders"));
        assertThat(orders.getText()).contains("PO-" + declarationId + "-1").contains("150 JPY");
        assertThat(b.visible(By.id("control-payments")).getText()).contains("Payment due").contains("150 JPY");
        b.screenshot("08a-trader-after-control");
        b.open("notifications");
        assertThat(b.visible(By.cssSelector("#notifications li")).getText()).as("newest first").contains("Payment order PO-" + declarationId);
        b.logout();
        b.login(officer, PASSWORD);


        // dashboard moved
        b.open("dashboard");
        b.visible(By.id("kpi-declarations"));
        assertThat(kpi("kpi-declarations")).isEqualTo(declarationsBefore + 1);
        assertThat(kpi("kpi-inspected")).isEqualTo(inspectedBefore + 1);
        b.screenshot("09-dashboard");

        b.open("declarations");
        assertThat(b.visible(By.id("declarations")).getText()).contains(declarationId);
        b.screenshot("10-officer-declaration-search");
        b.logout();
    }

    @Test
    @Order(2)
    void traderCannotReachOfficerPages() {
        BrowserSupport b = browser;
        b.login(trader, PASSWORD);
        List<String> routes = b.driver.findElements(By.cssSelector("#nav a")).stream().map(e -> e.getAttribute("data-route")).toList();
        assertThat(routes).contains("my", "submit", "notifications", "estimate")
                .doesNotContain("worklist", "dashboard", "declarations", "rules", "post-clearance", "admin/users", "audit");

        for (String page : List.of("worklist", "dashboard", "rules", "admin/users", "audit")) {
            b.open(page);
            assertThat(b.visible(By.id("forbidden")).getText()).contains("Not permitted");
        }
        // and the API refuses too, whatever the page does: 403 with a problem+json body
        assertForbidden(b.fetch("GET", "/api/v1/admin/users"));
        assertForbidden(b.fetch("POST", "/api/v1/admin/users"));
        String officerToken = users.issueToken(users.list().stream().filter(u -> u.username().equals(officer)).findFirst().orElseThrow().id(), "probe");
        for (String officerApi : List.of("/api/v1/worklist", "/api/v1/dashboard", "/api/v1/rules")) {
            assertThat(api.get(officerApi, officerToken).status()).as(officerApi + " for an officer").isEqualTo(200);
            assertForbidden(b.fetch("GET", officerApi));
        }
        assertThat(declarationId).as("set by the first test").isNotNull();
        assertForbidden(b.fetch("POST", "/api/v1/declarations/" + declarationId + "/override"));
        b.logout();
    }

    @Test
    @Order(3)
    void everyMainPageRendersReadably() throws IOException {
        BrowserSupport b = browser;
        UserAccount analyst = users.create("analyst-" + suffix, null, Role.ANALYST, null);
        UserAccount auditor = users.create("auditor-" + suffix, null, Role.AUDITOR, null);
        UserAccount admin = users.create("admin-" + suffix, null, Role.ADMIN, null);

        b.login(trader, PASSWORD);
        b.open("estimate");
        type("f-hsCode", "850440");
        type("f-origin", "CN");
        type("f-value", "2500");
        b.driver.findElement(By.id("estimate-button")).click();
        b.waitFor().until(d -> !d.findElement(By.id("estimate-result")).getText().isBlank());
        b.screenshot("11-trader-duty-estimator");

        b.useToken(users.issueToken(analyst.id(), "ui"), analyst.username(), "ANALYST", null);
        assertThat(b.driver.getCurrentUrl()).endsWith("#/rules");
        b.open("rules");
        b.visible(By.id("rule-form"));
        // a rule that does not compile: the error names the position
        type("f-name", "Cheap goods from CN " + suffix);
        type("f-expression", "origin == 'CN' && price_per_kg <");
        b.driver.findElement(By.id("save-rule")).click();
        assertThat(b.visible(By.cssSelector("#rule-result .alert.error")).getText()).contains("line");
        // a good one: tested against the last 30 days, then stored
        type("f-expression", "origin == 'CN' && price_per_kg < 5.0");
        b.driver.findElement(By.id("test-rule")).click();
        b.waitFor().until(d -> !d.findElement(By.id("rule-test-result")).getText().isBlank());
        assertThat(b.driver.findElement(By.id("rule-test-result")).getText()).contains("declarations evaluated");
        b.driver.findElement(By.id("save-rule")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules"), "Cheap goods from CN " + suffix));
        b.screenshot("12-analyst-rules");
        b.open("watchlists");
        type("wl-commodities-hsPrefix", "847130");
        type("wl-commodities-origin", "CN");
        type("wl-commodities-reason", "Campaign on undervalued laptops " + suffix);
        b.driver.findElement(By.id("wl-add-commodities")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("watch-commodities"), "847130"));
        b.screenshot("13-analyst-watchlists");

        b.useToken(users.issueToken(auditor.id(), "ui"), auditor.username(), "AUDITOR", null);
        b.open("post-clearance");
        b.screenshot("14-auditor-post-clearance");
        b.open("audit");
        b.screenshot("15-auditor-audit-trail");

        b.useToken(users.issueToken(admin.id(), "ui"), admin.username(), "ADMIN", null);
        b.open("admin/users");
        assertThat(b.visible(By.id("users")).getText()).contains(trader).contains(officer);
        b.screenshot("16-admin-users");
        b.open("admin/models");
        b.screenshot("17-admin-models");
    }

    // ------------------------------------------------------------------ helpers

    private void type(String id, String text) {
        browser.type(id, text);
    }

    private void fillItem(int index, String description, String hs, String origin, String qty, String unit, String net,
                          String gross, String value) {
        browser.fillItem(index, description, hs, origin, qty, unit, net, gross, value);
    }

    private long kpi(String id) {
        String text = browser.visible(By.cssSelector("#" + id + " .kpivalue")).getText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** A refusal for the signed-in trader: 403 with an RFC 7807 body. */
    private static void assertForbidden(BrowserSupport.Fetched r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.body()).as(r.toString()).contains("\"status\":403").contains("\"detail\"");
    }

    /**
     * A watch-listed exporter (forced RED) and a targeted commodity: the risk step itself puts the declaration
     * under control, as it would in production.
     */
    private void watchListExporterAndCommodity() {
        ApiClient.Response party = api.post("/api/v1/watchlists/parties", ADMIN_TOKEN, "application/json",
                "{\"entryId\":\"WL-BROWSER-" + suffix + "\",\"name\":\"Shenzhen Bright Power Co., Ltd\",\"reason\":\"browser test: undervalued power supplies\",\"source\":\"test\"}");
        assertThat(party.status()).as(party.toString()).isEqualTo(201);
        ApiClient.Response commodity = api.post("/api/v1/watchlists/commodities", ADMIN_TOKEN, "application/json",
                "{\"entryId\":\"CT-BROWSER-" + suffix + "\",\"hsPrefix\":\"850440\",\"origin\":\"CN\",\"threat\":\"UNDERVALUATION\",\"reason\":\"browser test campaign\"}");
        assertThat(commodity.status()).as(commodity.toString()).isEqualTo(201);
    }
}
