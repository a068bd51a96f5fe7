package org.smartcustoms.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * The knowledge services in a real browser: a visitor asks the public chat a question and gets the answer with its
 * source; asks something out of scope and is handed off; a HELPDESK user answers it in the helpdesk queue and the
 * reply appears in the visitor's conversation. A trader typing an item description in the declaration form gets
 * HS code suggestions and picks one; the duty estimator classifies a described consignment and estimates it.
 */
@Tag("browser")
@ApiTest
@OnH2
class KnowledgeBrowserTest extends ApiTestSupport {
    static final String PASSWORD = "correct horse battery";
    static BrowserSupport browser;

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) browser.close();
        browser = null;
    }

    WebDriverWait slow() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(300), Duration.ofMillis(200));
    }

    @Test
    void chatAnswersHandsOffAndTheHelpdeskReplyArrives() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        BrowserSupport b = browser;
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String helpdesk = "helpdesk-" + suffix;
        users.create(helpdesk, PASSWORD, Role.HELPDESK, null);

        b.driver.get(b.base + "/");
        b.js("sessionStorage.clear();");
        b.driver.navigate().refresh();
        b.visible(By.id("ask-link")).click();
        b.visible(By.id("chat-question")).sendKeys("how do you calculate the import duty on my goods?");
        b.driver.findElement(By.id("chat-send")).click();
        WebElement answer = b.visible(By.cssSelector("#chat-log .knowledge-kind-answer"));
        assertThat(answer.getText()).contains("customs value").contains("DK-DUTY");

        String question = "which sushi restaurant near the harbour is best " + suffix;
        b.driver.findElement(By.id("chat-question")).sendKeys(question);
        b.driver.findElement(By.id("chat-send")).click();
        WebElement handoff = b.visible(By.cssSelector("#chat-log .knowledge-kind-handoff"));
        assertThat(handoff.getText()).contains("I don't know — passing you to a colleague");
        b.screenshot("knowledge-01-public-chat");
        String conversation = (String) b.js("return sessionStorage.getItem('sc.knowledge.conversation');");

        // a helpdesk colleague answers it in the queue
        b.login(helpdesk, PASSWORD);
        b.visible(By.id("helpdesk-queue"));
        WebElement ticket = b.waitFor().until(d -> d.findElements(By.cssSelector("#helpdesk-queue .helpdesk-open")).stream()
                .filter(e -> e.getText().equals(question)).findFirst().orElse(null));
        ticket.click();
        b.visible(By.id("helpdesk-answer")).sendKeys("We cannot recommend restaurants; the harbour office canteen is open to visitors.");
        b.screenshot("knowledge-02-helpdesk");
        b.driver.findElement(By.id("helpdesk-send")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("helpdesk-detail"), "Reply sent"));
        b.open("knowledge-base");
        b.visible(By.id("kb-form"));
        b.screenshot("knowledge-03-knowledge-base");
        b.logout();

        // back in the visitor's conversation: the reply is there
        b.js("sessionStorage.setItem('sc.knowledge.conversation', arguments[0]); location.hash = '#/ask';", conversation);
        b.driver.navigate().refresh();
        WebElement reply = b.visible(By.cssSelector("#chat-log .knowledge-staff"));
        assertThat(reply.getText()).contains("harbour office canteen").contains(helpdesk);
        b.screenshot("knowledge-04-reply-in-chat");
    }

    @Test
    void declarationFormSuggestsCodesAndTheEstimatorClassifiesDescribedGoods() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        BrowserSupport b = browser;
        // the classifier loads on first use: wait for it through the API first
        for (int i = 0; i < 60; i++) {
            ApiClient.Response r = api.post("/api/v1/classify", null, JSON, "{\"description\": \"warm-up\"}");
            if (r.status() != 503) break;
            try { Thread.sleep(5_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String trader = "trader-k-" + suffix;
        users.create(trader, PASSWORD, Role.TRADER, "GB" + suffix.hashCode());
        b.login(trader, PASSWORD);
        b.open("submit");
        WebElement item = b.visible(By.cssSelector("#items fieldset.item"));
        item.findElement(By.cssSelector(".i-description")).sendKeys("men's knitted cotton t-shirts");
        WebElement pick = slow().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#items .knowledge-suggest .knowledge-pick")));
        assertThat(pick.getAttribute("data-code")).startsWith("6109");
        b.screenshot("knowledge-05-declaration-suggestions");
        pick.click();
        assertThat(item.findElement(By.cssSelector(".i-hs")).getAttribute("value")).startsWith("6109");

        b.open("estimate");
        b.visible(By.id("describe-goods")).sendKeys("500 cotton T-shirts from Bangladesh, 2,000 USD");
        b.driver.findElement(By.id("describe-button")).click();
        WebElement first = slow().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#describe-result .knowledge-pick")));
        assertThat(first.getAttribute("data-code")).startsWith("6109");
        first.click();
        WebElement estimate = slow().until(ExpectedConditions.visibilityOfElementLocated(By.id("estimate-result")));
        b.waitFor().until(d -> estimate.getText().contains("Total to pay"));
        assertThat(b.driver.findElement(By.name("origin")).getAttribute("value")).isEqualTo("BD");
        assertThat(estimate.getText()).contains("6109");
        b.screenshot("knowledge-06-estimator-describe");
    }

    @Test
    void officersSeeWhenTheDescriptionPointsToAnotherChapter() throws IOException {
        if (browser == null) browser = BrowserSupport.start(port);
        BrowserSupport b = browser;
        for (int i = 0; i < 60; i++) {   // the classifier loads on first use; the risk check gives no opinion before
            ApiClient.Response r = api.post("/api/v1/classify", null, JSON, "{\"description\": \"warm-up\"}");
            if (r.status() != 503) break;
            try { Thread.sleep(5_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        // "Power supplies for laptops" declared as cotton T-shirts, submitted (and risk-assessed) through the intake
        String id = new WorkspaceFixtures(intake, jdbc).declare("JPIMP" + UUID.randomUUID().toString().substring(0, 6), "JPTYO100",
                java.time.LocalDate.now(), "610910", "CN", "1000", "10");
        String officer = "officer-k-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(officer, PASSWORD, Role.OFFICER, null);
        b.login(officer, PASSWORD);
        b.open("declaration/" + id);
        WebElement reason = b.waitFor().until(d -> d.findElements(By.cssSelector("#reasons li")).stream()
                .filter(e -> e.getText().contains("description suggests")).findFirst().orElse(null));
        assertThat(reason.getText()).startsWith("Classification").contains("8504.").contains("declared 6109.10");
        b.screenshot("knowledge-07-misclassification-reason");
        b.logout();
    }
}
