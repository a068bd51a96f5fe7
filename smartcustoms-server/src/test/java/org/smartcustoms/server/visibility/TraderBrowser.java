package org.smartcustoms.server.visibility;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless system Chromium signed in as a trader: opens workspace pages and returns what they show. Skips
 * locally without chromium/chromedriver, fails under CI=true.
 */
final class TraderBrowser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final ChromeDriverService service;
    private final String base;

    private TraderBrowser(WebDriver driver, ChromeDriverService service, String base) {
        this.driver = driver;
        this.service = service;
        this.base = base;
    }

    static TraderBrowser start(int port) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String msg = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed for browser tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg + " under CI=true");
            Assumptions.abort(msg);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("sc-chrome-tv-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1400,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, o);
        Files.createDirectories(SCREENSHOTS);
        return new TraderBrowser(driver, service, "http://127.0.0.1:" + port);
    }

    /** Signs in through the login form. */
    void login(String username, String password) {
        driver.get(base + "/");
        js("sessionStorage.clear();");
        driver.navigate().refresh();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("current-user"), username));
    }

    /** The hash paths of the navigation menu as the signed-in user sees it. */
    @SuppressWarnings("unchecked")
    java.util.List<String> menu() {
        return (java.util.List<String>) js("return [...document.querySelectorAll('#nav a[data-route]')].map(a => a.dataset.route);");
    }

    /** Opens a page of the single-page app, waits until it has loaded its data, and returns it. */
    Page open(String hashPath) {
        Number before = (Number) js("const p = document.querySelector('div.page[data-seq]'); return p ? Number(p.dataset.seq) : 0;");
        js("if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));"
                + " else location.hash = arguments[0];", "#/" + hashPath);
        waitFor().until(d -> Boolean.TRUE.equals(js(
                "const p = document.querySelector('div.page[data-seq]');"
                        + "return !!p && Number(p.dataset.seq) > arguments[0] && p.dataset.hash === arguments[1]"
                        + " && !p.querySelector('.loading');", before.longValue(), hashPath)));
        // the inspection and other late cards load after the page: give them a moment
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Page(hashPath, (String) js("return document.body.innerText;"),
                (String) js("return document.documentElement.outerHTML;"));
    }

    /** Clicks a button on the current page, accepting a confirmation dialog. */
    void clickConfirmed(String id) {
        js("window.confirm = () => true;");
        driver.findElement(By.id(id)).click();
    }

    WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Full-page screenshot into target/screenshots/name.png. */
    Path screenshot(String name) throws IOException {
        js("window.scrollTo(0, 0);");
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
                + " + (window.outerHeight - window.innerHeight);");
        driver.manage().window().setSize(new Dimension(1400, Math.max(900, Math.min(5000, height.intValue() + 24))));
        try {
            File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    /** What a page shows (visible text) and holds (markup). */
    record Page(String hash, String text, String html) { }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
