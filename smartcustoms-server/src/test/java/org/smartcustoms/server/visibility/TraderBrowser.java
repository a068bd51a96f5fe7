package org.smartcustoms.server.visibility;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.support.ui.WebDriverWait;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * The browser ({@link BrowserSupport}: headless system Chromium, skipped locally without it, failed under
 * CI=true) signed in as a trader: opens workspace pages and returns what they show.
 */
final class TraderBrowser implements AutoCloseable {
    private final BrowserSupport browser;

    private TraderBrowser(BrowserSupport browser) {
        this.browser = browser;
    }

    static TraderBrowser start(int port) throws IOException {
        return new TraderBrowser(BrowserSupport.start(port));
    }

    /** Signs in through the login form. */
    void login(String username, String password) {
        browser.login(username, password);
    }

    /** The hash paths of the navigation menu as the signed-in user sees it. */
    @SuppressWarnings("unchecked")
    List<String> menu() {
        return (List<String>) js("return [...document.querySelectorAll('#nav a[data-route]')].map(a => a.dataset.route);");
    }

    /** Opens a page of the single-page app, waits until it has loaded its data, and returns it. */
    Page open(String hashPath) {
        browser.open(hashPath);
        // the inspection and other late cards load after the page: give them a moment
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Page(hashPath, (String) js("return document.body.innerText;"),
                (String) js("return document.documentElement.outerHTML;"));
    }

    WebDriverWait waitFor() {
        return browser.waitFor();
    }

    Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    /** Full-page screenshot into target/screenshots/name.png. */
    Path screenshot(String name) throws IOException {
        return browser.screenshot(name);
    }

    /** What a page shows (visible text) and holds (markup). */
    record Page(String hash, String text, String html) { }

    @Override
    public void close() throws IOException {
        browser.close();
    }
}
