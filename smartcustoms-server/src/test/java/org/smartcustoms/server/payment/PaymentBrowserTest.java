package org.smartcustoms.server.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * The trader's Pay button on its declaration page: pays the assessed duty through the simulated provider and shows
 * the receipt; the auditor's post-clearance page shows the payments ledger and reconciliation. Photographed into
 * target/screenshots.
 */
@Tag("browser")
@ApiTest
@OnH2
class PaymentBrowserTest extends ApiTestSupport {
    static final String PASSWORD = "correct horse battery";

    @Test
    void traderPaysWithThePayButtonAndTheAuditorSeesTheReconciliation() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String party = "GB555" + Math.abs(suffix.hashCode() % 1_000_000_000);
        String id = new WorkspaceFixtures(intake, jdbc).declare(party, "JPTYO100");
        try (BrowserSupport b = BrowserSupport.start(port)) {
            String trader = "pay-trader-" + suffix;
            users.create(trader, PASSWORD, Role.TRADER, party);
            b.login(trader, PASSWORD);
            b.open("declaration/" + id);
            b.visible(By.id("pay-button"));
            assertThat(b.driver.findElement(By.id("pay-orders")).getText()).contains("Assessed duty and taxes");
            b.screenshot("payments-trader-before");
            b.driver.findElement(By.id("pay-button")).click();
            String receipt = b.visible(By.id("pay-receipt")).getText();
            assertThat(receipt).contains("card ending 4242").contains(id);
            assertThat(b.driver.findElements(By.id("pay-button"))).as("nothing left to pay").isEmpty();
            assertThat(b.driver.findElement(By.id("pay-payments")).getText()).contains("PAID");
            b.screenshot("payments-trader-paid");
            b.logout();

            String auditor = "pay-auditor-" + suffix;
            users.create(auditor, PASSWORD, Role.AUDITOR, null);
            b.login(auditor, PASSWORD);
            b.open("post-clearance");
            b.visible(By.id("pay-ledger-totals"));
            assertThat(b.driver.findElement(By.id("pay-reconciliation")).getText()).contains("settlement report");
            b.screenshot("payments-auditor-reconciliation");
        }
    }
}
