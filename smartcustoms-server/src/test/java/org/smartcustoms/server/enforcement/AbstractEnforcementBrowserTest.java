package org.smartcustoms.server.enforcement;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * What the enforcement page's browser tests share: the users' password, the headless browser (closed after each
 * test) and typing into a field by id. Concrete classes carry {@code @Tag("browser") @ApiTest @OnH2}.
 */
abstract class AbstractEnforcementBrowserTest extends ApiTestSupport {
    static final String PASSWORD = "correct horse battery";
    BrowserSupport b;

    @AfterEach
    void closeBrowser() throws IOException {
        if (b != null) b.close();
    }

    void type(String id, String text) {
        WebElement e = b.driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }
}
