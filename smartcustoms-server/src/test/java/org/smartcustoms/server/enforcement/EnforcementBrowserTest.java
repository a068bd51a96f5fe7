package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * The "done when" in a real (headless) browser: an officer records an inspection with a seizure on the
 * worklist's declaration page → the seizure appears with its links → an intelligence user opens the link chart and
 * expands it → the linked company's next declaration is targeted, with the enforcement reason on the officer's page.
 * Pages are photographed into target/screenshots (enf-*.png).
 */
@Tag("browser")
@ApiTest
@OnH2
class EnforcementBrowserTest extends AbstractEnforcementBrowserTest {
    @Test
    void officerSeizesIntelligenceChartsAndTheCompanysNextDeclarationIsTargeted() throws IOException {
        String u = TestUsers.unique().toUpperCase();
        String officer = "officer-" + u;
        String intel = "intel-" + u;
        users.create(officer, PASSWORD, Role.OFFICER, null);
        users.create(intel, PASSWORD, Role.INTELLIGENCE, null);
        String importer = "JP5" + u;
        String company = "Kanzei Trading " + u + " LLC";
        EnforcementFixtures ef = new EnforcementFixtures(intake);
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String first = ef.declare(importer, company, LocalDate.now());
        fx.underControl(first, 72, "RED", List.of());

        b = BrowserSupport.start(port);
        // 1. the officer records the inspection result with a seizure on the declaration's page
        b.login(officer, PASSWORD);
        WebElement row = b.visible(By.cssSelector("#worklist tr[data-id='" + first + "']"));
        row.click();
        b.waitFor().until(ExpectedConditions.textToBe(By.id("detail-id"), first));
        new Select(b.driver.findElement(By.cssSelector("#inspection-form select[name=outcome]"))).selectByValue("PROHIBITED_GOODS");
        new Select(b.driver.findElement(By.cssSelector("#inspection-form select[name=decision]"))).selectByValue("KEEP_UNDER_CONTROL");
        b.driver.findElement(By.cssSelector("#inspection-form details summary")).click();
        type("f-seizureGoods", "cocaine");
        type("f-seizureQuantity", "12");
        type("f-seizureUnit", "KG");
        type("f-concealment", "machine parts");
        b.driver.findElement(By.id("record-inspection")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("inspections"), "cocaine"));

        // 2. the seizure appears, with its links (the declaration and the importer), without a second entry
        b.open("enforcement");
        WebElement seizureRow = b.waitFor().until(d -> d.findElements(By.cssSelector("#enf-seizure-table tbody tr")).stream()
                .filter(r -> r.getText().contains(first)).findFirst().orElse(null));
        String seizureId = seizureRow.getAttribute("data-id");
        assertThat(seizureId).matches("S-\\d{4}-\\d{4,}");
        assertThat(seizureRow.getText()).contains("cocaine").contains("DRUGS COCAINE").contains("machine parts");
        b.screenshot("enf-01-officer-seizures");
        b.open("enforcement/seizure/" + seizureId);
        String links = b.visible(By.id("enf-links-table")).getText();
        assertThat(links).contains("IMPORTER").contains(company).contains(first);
        assertThat(b.driver.findElements(By.id("enf-open-chart"))).as("the link chart is for the intelligence unit").isEmpty();
        b.screenshot("enf-02-officer-seizure-detail");
        b.logout();

        // 3. the intelligence user opens the link chart and expands it hop by hop
        b.login(intel, PASSWORD);
        b.visible(By.id("enf-seizure-table"));
        b.open("enforcement/seizure/" + seizureId);
        b.visible(By.id("enf-open-chart")).click();
        b.waitFor().until(d -> d.findElements(By.cssSelector("#enf-chart g.enf-node")).size() == 3);
        assertThat(b.driver.findElements(By.cssSelector("#enf-chart g.enf-node")).stream().map(e -> e.getAttribute("data-key")).toList())
                .contains("SEIZURE:" + seizureId, "DECLARATION:" + first).anyMatch(k -> k.startsWith("COMPANY:"));
        WebElement companyNode = b.driver.findElements(By.cssSelector("#enf-chart g.enf-node.company")).get(0);
        String companyKey = companyNode.getAttribute("data-key");
        companyNode.click();
        // the chart is redrawn on every expansion: read it by script, not through elements that go stale
        b.waitFor().until(d -> Boolean.TRUE.equals(b.js("const g = [...document.querySelectorAll('#enf-chart g.enf-node')]"
                + ".find(x => x.dataset.key === arguments[0]); return !!g && g.classList.contains('expanded');", companyKey)));
        type("enf-path-to", "DECLARATION:" + first);
        b.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        assertThat(b.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#enf-path p"))).getText())
                .contains("Shortest connection (1 link): " + seizureId);
        b.screenshot("enf-03-intelligence-link-chart");
        // search finds the company by a misspelt name
        b.open("enforcement");
        type("enf-q", "kanzey trading " + u);
        b.driver.findElement(By.cssSelector("#enf-search button[type=submit]")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("enf-search-hits"), company));
        b.screenshot("enf-04-intelligence-search");
        b.logout();

        // 4. the linked company declares again: the risk engine targets it with the enforcement reason
        String next = ef.declare(importer, company, LocalDate.now());
        assertThat(intake.store().find(next).orElseThrow().status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
        b.login(officer, PASSWORD);
        b.visible(By.cssSelector("#worklist tr[data-id='" + next + "']")).click();
        b.waitFor().until(ExpectedConditions.textToBe(By.id("detail-id"), next));
        assertThat(b.visible(By.id("reasons")).getText()).contains("Enforcement")
                .contains("importer matches " + company.toUpperCase()).contains("linked to seizure " + seizureId + ": 12 kg cocaine in machine parts");
        b.screenshot("enf-05-officer-targeted-declaration");
    }

    @Test
    void theOfflineSeizureFormKeepsItsQueueAcrossAReloadAndSyncsOnce() throws IOException {
        String u = TestUsers.unique().toUpperCase();
        String officer = "officer-" + u;
        users.create(officer, PASSWORD, Role.OFFICER, null);
        b = BrowserSupport.start(port);
        b.login(officer, PASSWORD);
        b.open("enforcement/offline");
        b.waitFor().until(d -> "yes".equals(d.findElement(By.id("enf-offline-status")).getAttribute("data-ready")));

        // a seizure the server refuses is shown as a conflict with the reason, not lost and not retried
        fill("0", "OFF-" + u + "-BAD");
        b.waitFor().until(d -> states().contains("conflict"));
        assertThat(b.driver.findElement(By.id("enf-queue-table")).getText()).contains("quantity must be greater than 0");

        // network off: saved on the device, still there after a reload
        network(true);
        fill("3", "OFF-" + u);
        b.waitFor().until(d -> states().contains("pending"));
        b.driver.navigate().refresh();
        b.waitFor().until(d -> Boolean.TRUE.equals(b.js("return !!document.getElementById('enf-queue-table');")));
        assertThat(states()).contains("pending");
        String key = (String) b.js("return [...document.querySelectorAll('#enf-queue-table tbody tr')]"
                + ".find(r => r.querySelector('[data-state=pending]')).dataset.id;");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure WHERE idempotency_key = ?", Integer.class, key)).isZero();
        b.screenshot("enf-06-offline-form-pending");

        // network on: sent once, and only once however often the page synchronises
        network(false);
        b.waitFor().until(d -> !states().contains("pending"));
        assertThat(states()).containsExactlyInAnyOrder("conflict", "synced");
        b.driver.findElement(By.id("enf-sync")).click();
        b.driver.navigate().refresh();
        b.waitFor().until(d -> Boolean.TRUE.equals(b.js("return !!document.getElementById('enf-queue-table');")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure WHERE idempotency_key = ?", Integer.class, key)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT office FROM enf_seizure WHERE idempotency_key = ?", String.class, key)).isEqualTo("OFF-" + u);
        assertThat(b.driver.findElement(By.id("enf-queue-table")).getText()).containsPattern("S-\\d{4}-\\d{4,}");
        b.screenshot("enf-07-offline-form-synced");
    }

    private void fill(String quantity, String office) {
        type("f-office", office);
        type("f-goods", "cigarettes");
        type("f-quantity", quantity);
        type("f-unit", "NAR");
        b.driver.findElement(By.id("enf-offline-save")).click();
    }

    @SuppressWarnings("unchecked")
    private List<String> states() {
        return (List<String>) b.js("return [...document.querySelectorAll('#enf-queue-table [data-state]')].map(e => e.dataset.state);");
    }

    /** DevTools network emulation of the page: offline or back online (navigator.onLine and the online event follow). */
    private void network(boolean offline) {
        org.openqa.selenium.chromium.HasCdp cdp = (org.openqa.selenium.chromium.HasCdp) b.driver;
        cdp.executeCdpCommand("Network.enable", java.util.Map.of());
        cdp.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }
}
