package org.smartcustoms.server.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the web workspace tests: the system chromium and chromedriver only (Selenium Manager
 * never downloads anything). Without them the tests skip locally and fail under CI=true. The one place that
 * starts a browser for server tests (also used by the trader visibility tests).
 */
public final class BrowserSupport implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int WIDTH = 1400;

    public final WebDriver driver;
    public final String base;
    private final Path profile;
    private final ChromeDriverService service;

    private BrowserSupport(WebDriver driver, ChromeDriverService service, Path profile, String base) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.base = base;
    }

    /** Starts the browser, or skips (locally) / fails (CI=true) when chromium or chromedriver is missing. */
    public static BrowserSupport start(int port) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String msg = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed for browser tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg + " under CI=true");
            Assumptions.abort(msg);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("sc-chrome-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + WIDTH + ",1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
        return new BrowserSupport(driver, service, profile, "http://127.0.0.1:" + port);
    }

    public WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100));
    }

    public WebElement visible(By by) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Navigates inside the single-page app and waits until the page has rendered and loaded its data: the router
     * marks the page {@code data-ready} once its render function has finished (a page that awaits data before it
     * draws its form, such as the declaration form's national currency, is not ready before that).
     */
    public void open(String hashPath) {
        Number before = (Number) js("const p = document.querySelector('div.page[data-seq]'); return p ? Number(p.dataset.seq) : 0;");
        js("if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));"
                + " else location.hash = arguments[0];", "#/" + hashPath);
        waitFor().until(d -> Boolean.TRUE.equals(js(
                "const p = document.querySelector('div.page[data-seq]');"
                        + "return !!p && Number(p.dataset.seq) > arguments[0] && p.dataset.hash === arguments[1]"
                        + " && p.dataset.ready === '1' && !p.querySelector('.loading');", before.longValue(), hashPath)));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** An API answer seen by the page: status, Content-Type and body. */
    public record Fetched(long status, String contentType, String body) { }

    /** An API call made from the page with the signed-in user's token (a body of {} for anything but GET). */
    public Fetched fetch(String method, String path) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> r = (java.util.Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[1], {method: arguments[0], headers: {Authorization: 'Bearer ' + sessionStorage.getItem('sc.token'),"
                        + " 'Content-Type': 'application/json'}, body: arguments[0] === 'GET' ? undefined : '{}'})"
                        + ".then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type') || '', body: t})))"
                        + ".catch(e => done({status: -1, type: '', body: String(e)}));", method, path);
        return new Fetched(((Number) r.get("status")).longValue(), (String) r.get("type"), (String) r.get("body"));
    }

    /** Signs in through the login form. */
    /** Opens a page of the app as a visitor who is not signed in. */
    public void openSignedOut(String hashPath) {
        driver.get(base + "/");
        js("sessionStorage.clear();");
        driver.navigate().refresh();
        visible(By.id("username"));
        open(hashPath);
    }

    public void login(String username, String password) {
        driver.get(base + "/");
        js("sessionStorage.clear();");
        driver.navigate().refresh();
        visible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("current-user"), username));
    }

    public void logout() {
        driver.findElement(By.id("logout")).click();
        visible(By.id("login-form"));
    }

    /** Signs in with an API token (faster than the form, for pages we only photograph). */
    public void useToken(String token, String username, String role, String partyId) {
        js("sessionStorage.setItem('sc.token', arguments[0]);"
                + "sessionStorage.setItem('sc.user', JSON.stringify({username: arguments[1], role: arguments[2], partyId: arguments[3]}));"
                + "location.hash = '#/';",
                token, username, role, partyId);
        waitFor().until(ExpectedConditions.textToBe(By.id("current-user"), username));
    }

    /** Replaces the text of the form field with this id. */
    public void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Fills item {@code index} (from 0) of the declaration form (page "submit"). */
    public void fillItem(int index, String description, String hs, String origin, String qty, String unit, String net,
                         String gross, String value) {
        WebElement item = driver.findElements(By.cssSelector("#items fieldset.item")).get(index);
        set(item, ".i-description", description);
        set(item, ".i-hs", hs);
        set(item, ".i-origin", origin);
        set(item, ".i-qty", qty);
        set(item, ".i-unit", unit);
        set(item, ".i-net", net);
        set(item, ".i-gross", gross);
        set(item, ".i-value", value);
    }

    private static void set(WebElement scope, String css, String text) {
        WebElement e = scope.findElement(By.cssSelector(css));
        e.clear();
        e.sendKeys(text);
    }

    /** Screenshot of the whole page (the window grows to the page height) into target/screenshots/name.png. */
    public Path screenshot(String name) throws IOException {
        js("window.scrollTo(0, 0); const t = document.getElementById('toast'); if (t) { t.style.transition = 'none'; t.className = 'toast'; }");
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
                + " + (window.outerHeight - window.innerHeight);");
        int h = Math.max(900, Math.min(5000, height.intValue() + 24));
        driver.manage().window().setSize(new Dimension(WIDTH, h));
        try {
            File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, 1000));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
