package org.smartcustoms.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;

/**
 * Every page of the web workspace, for every role, in headless Chromium: each role signs in with the login form and
 * opens every page its menu offers (and a declaration), each page is photographed into
 * {@code target/screenshots/pages-<role>-<page>.png} (CI keeps them as artifacts), and each must be readable: no
 * raw JSON in the page text, no chart label cut off at the edge of its chart, no page that failed to load. The
 * browsable API page is checked too: "Authorize" with a bearer token, then a call that needs it answers 200.
 *
 * <p>The data are made through the real intake and API (a watch-listed importer sent to control, an inspection
 * result with additional duty, a rule), on a database other tests may share: nothing assumes it was empty.
 */
@Tag("browser")
@ApiTest
@OnH2
class PageScreenshotsBrowserTest extends ApiTestSupport {
    static final String PASSWORD = "correct horse battery";
    static final String TRADER_PARTY = "GB123456789000"; // the declarant of declaration-import.json
    static BrowserSupport browser;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) browser.close();
    }

    @Test
    void everyPageOfEveryRoleIsReadable() throws IOException {
        browser = BrowserSupport.start(port);
        String controlled = declarationsThroughTheIntake();
        BrowserSupport b = browser;
        List<String> problems = new ArrayList<>();
        int pages = 0;
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase() + "-" + SUFFIX;
            users.create(name, PASSWORD, role, role == Role.TRADER ? TRADER_PARTY : null);
            b.login(name, PASSWORD);
            List<String> routes = new ArrayList<>(b.driver.findElements(By.cssSelector("#nav a")).stream()
                    .map(e -> e.getAttribute("data-route")).toList());
            assertThat(routes).as("menu of " + role).isNotEmpty();
            // customs staff open a declaration under control; the other non-trader roles (GATE, HELPDESK, RESEARCHER,
            // DATA_STEWARD) may not read declarations at all (403), so they have no such page
            if (role.isCustomsStaff()) routes.add("declaration/" + controlled);
            for (String route : routes) {
                b.open(route);
                String shot = "pages-" + role.name().toLowerCase() + "-" + route.replaceAll("[^A-Za-z0-9-]", "_");
                b.screenshot(shot);
                problems.addAll(readability(b, shot));
                pages++;
            }
            b.logout();
        }
        System.out.println("photographed " + pages + " pages into " + BrowserSupport.SCREENSHOTS.toAbsolutePath());
        assertThat(pages).isGreaterThanOrEqualTo(20);
        assertThat(problems).as("unreadable pages").isEmpty();
    }

    /** The charts module leaves room for long labels: a value text and a tick label of a million do not leave the chart. */
    @Test
    void chartsKeepLongLabelsInside() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        BrowserSupport b = browser;
        b.driver.get(b.base + "/");
        b.visible(By.id("login-form"));
        Object done = ((org.openqa.selenium.JavascriptExecutor) b.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/app/charts.js').then((c) => {"
                        + "  const box = document.createElement('div'); box.id = 'chart-probe'; box.style.width = '520px';"
                        + "  box.append(c.hBars([{label: 'Green', value: 1642000, text: '1,642,000 (82 %)'},"
                        + "    {label: 'A rule with a rather long name indeed', value: 12, text: '12 (0.5 %)'}], {title: 't'}),"
                        + "    c.barChart([{label: '2026-11-01', value: 1250000}, {label: '2026-11-02', value: 3}], {title: 'p'}));"
                        + "  document.body.append(box); done('ok');"
                        + "}).catch((e) => done(String(e)));");
        assertThat(done).isEqualTo("ok");
        assertThat(clippedChartTexts(b)).isEmpty();
    }

    @Test
    void browsableApiPageAuthorizesWithABearerToken() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        BrowserSupport b = browser;
        String token = token(Role.OFFICER, null);
        b.driver.get(b.base + "/api-docs.html");
        // the page loads the whole OpenAPI document first: allow it more than the usual ten seconds
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(60)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.authorize")));
        assertThat(b.driver.findElement(By.cssSelector(".information-container .title")).getText()).contains("SMART Customs API");
        b.driver.findElement(By.cssSelector("button.authorize")).click();
        b.visible(By.cssSelector(".auth-container input")).sendKeys(token);
        b.driver.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
        b.visible(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();
        b.screenshot("pages-api-docs");
        // GET /api/v1/me with the token "Authorize" stored: 200 and the officer's name
        By me = By.cssSelector("[id$='-me'] .opblock-summary, [id*='_me'] .opblock-summary");
        b.visible(me).click();
        b.visible(By.cssSelector(".try-out__btn")).click();
        b.visible(By.cssSelector(".execute")).click();
        b.waitFor().until(d -> !d.findElements(By.cssSelector(".live-responses-table tbody .response-col_status")).isEmpty());
        String status = b.driver.findElement(By.cssSelector(".live-responses-table tbody .response-col_status")).getText().trim();
        b.screenshot("pages-api-docs-try-me");
        assertThat(status).as("GET /api/v1/me from the browsable page after Authorize").isEqualTo("200");
    }

    // ------------------------------------------------------------------ checks

    /** What makes a page unreadable: raw JSON text, chart labels cut off, a page that failed to load. */
    private static List<String> readability(BrowserSupport b, String shot) {
        List<String> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> json = (List<String>) b.js("return document.body.innerText.split('\\n').map((l) => l.trim())"
                + ".filter((l) => l.startsWith('{\"') || l.startsWith('[{\"') || l.startsWith('[\"')).slice(0, 3);");
        if (!json.isEmpty()) out.add(shot + ": raw JSON " + json);
        if (!b.driver.findElements(By.cssSelector("pre.json")).isEmpty()) out.add(shot + ": a JSON block");
        for (String clipped : clippedChartTexts(b)) out.add(shot + ": chart label cut off: " + clipped);
        String failed = (String) b.js("const a = [...document.querySelectorAll('.alert.error')].map((e) => e.innerText)"
                + ".find((t) => t.includes('failed to load') || t.includes('Not permitted')); return a || null;");
        if (failed != null) out.add(shot + ": " + failed);
        return out;
    }

    /** Texts of every SVG chart whose bounding box leaves the chart's viewBox. */
    @SuppressWarnings("unchecked")
    private static List<String> clippedChartTexts(BrowserSupport b) {
        return (List<String>) b.js(
                "const out = [];"
                        + "for (const svg of document.querySelectorAll('svg.chart')) {"
                        + "  const vb = svg.viewBox.baseVal;"
                        + "  for (const t of svg.querySelectorAll('text')) {"
                        + "    const r = t.getBBox();"
                        + "    if (r.width === 0) continue;"
                        + "    if (r.x < vb.x - 0.5 || r.y < vb.y - 0.5 || r.x + r.width > vb.x + vb.width + 0.5 || r.y + r.height > vb.y + vb.height + 0.5)"
                        + "      out.push(t.textContent + ' [' + Math.round(r.x) + '..' + Math.round(r.x + r.width) + ' of ' + vb.width + ']');"
                        + "  }"
                        + "}"
                        + "return out;");
    }

    // ------------------------------------------------------------------ data

    /**
     * Declarations through the real intake (some from a watch-listed importer, so the risk step sends them to
     * control), an inspection result with additional duty recorded through the API, and a rule: the pages have
     * rows, charts and audit entries of several kinds. Returns the declaration under control left for the detail page.
     */
    private String declarationsThroughTheIntake() {
        String watched = String.format("GB%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        ApiClient.Response wl = api.post("/api/v1/watchlists/parties", ADMIN, JSON, "{\"entryId\":\"WL-SHOTS-" + SUFFIX
                + "\",\"name\":\"Watched importer " + SUFFIX + "\",\"partyId\":\"" + watched
                + "\",\"reason\":\"screenshot test: repeated undervaluation\",\"source\":\"test\"}");
        assertThat(wl.status()).as(wl.toString()).isEqualTo(201);
        ApiClient.Response rule = api.post("/api/v1/rules", ADMIN, JSON, "{\"name\":\"Cheap cotton shirts " + SUFFIX
                + "\",\"expression\":\"hs6 == '610910' && value < 1000.0\",\"threat\":\"UNDERVALUATION\",\"weight\":30}");
        assertThat(rule.status()).as(rule.toString()).isIn(200, 201);
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        LocalDate today = LocalDate.now();
        for (int i = 0; i < 6; i++) {
            fx.declare("GB9876543210" + i, "GB000060", today.minusDays(i), i % 2 == 0 ? "610910" : "850440", "CN",
                    String.valueOf(1500 + 700 * i), String.valueOf(40 + i));
        }
        String inspected = fx.declare(watched, "GB000060", today, "610910", "BD", "900", "120");
        String controlled = fx.declare(watched, "GB000060", today, "850440", "CN", "4100", "300");
        StoredDeclaration s = intake.store().find(inspected).orElseThrow();
        assertThat(s.riskChannel()).as("watch-listed importer").isEqualTo("RED");
        String currency = s.assessment() == null ? "EUR" : s.assessment().currency();
        ApiClient.Response result = api.post("/api/v1/declarations/" + inspected + "/inspection", token(Role.OFFICER, null), JSON,
                "{\"outcome\":\"UNDERVALUATION\",\"additionalDuty\":{\"amount\":1234567.5,\"currency\":\"" + currency
                        + "\"},\"notes\":\"Invoice shows a third of the market price.\",\"decision\":\"RELEASE\"}");
        assertThat(result.status()).as(result.toString()).isIn(200, 201);
        return controlled;
    }
}
