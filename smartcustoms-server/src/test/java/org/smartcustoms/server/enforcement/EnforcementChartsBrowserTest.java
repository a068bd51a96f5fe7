package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;

/**
 * The enforcement page's charts: an analyst sees seizures by month, switches to commodity and route. Photographed
 * into target/screenshots (enf-charts-*.png).
 */
@Tag("browser")
@ApiTest
@OnH2
class EnforcementChartsBrowserTest extends AbstractEnforcementBrowserTest {
    @Test
    void anAnalystSeesSeizuresByMonthAndByCommodity() throws IOException {
        String u = TestUsers.unique().toUpperCase();
        String analyst = "analyst-" + u;
        users.create(analyst, PASSWORD, Role.ANALYST, null);
        String intel = TestUsers.token(users, "intel-" + u, Role.INTELLIGENCE, null);
        LocalDate today = LocalDate.now();
        StringBuilder csv = new StringBuilder("date,office,category,goods,quantity,concealment,departure,destination\n");
        String[][] rows = {{"TOBACCO", "cigarettes", "false floor", "BY", "PL"}, {"DRUGS_COCAINE", "cocaine", "banana boxes", "EC", "NL"},
                {"TOBACCO", "cigarettes", "false floor", "BY", "LT"}, {"CASH", "banknotes", "body carry", "AE", "JP"}};
        for (int i = 0; i < 11; i++) {
            String[] r = rows[i % rows.length];
            csv.append(today.minusDays(3 + 23L * i)).append(",X").append(u).append(',').append(r[0]).append(',').append(r[1]).append(",1,")
                    .append(r[2]).append(',').append(r[3]).append(',').append(r[4]).append('\n');
        }
        ApiClient.Response imp = api.post("/api/v1/enforcement/import", intel, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imp.status()).as(imp.toString()).isEqualTo(201);

        b = BrowserSupport.start(port);
        b.login(analyst, PASSWORD);
        b.open("enforcement");
        b.waitFor().until(d -> d.findElements(By.cssSelector("#enf-chart svg.chart rect")).size() >= 12);
        assertThat(b.driver.findElement(By.id("enf-chart")).getText()).contains("Seizures by month");
        b.screenshot("enf-charts-month");

        new Select(b.driver.findElement(By.id("enf-chart-by"))).selectByValue("commodity");
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("enf-chart"), "Seizures by commodity"));
        String text = b.driver.findElement(By.id("enf-chart")).getText();
        assertThat(text).contains("tobacco").contains("drugs cocaine").contains("cash");
        b.screenshot("enf-charts-commodity");

        new Select(b.driver.findElement(By.id("enf-chart-by"))).selectByValue("route");
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("enf-chart"), "BY > PL"));
        assertThat(b.driver.findElements(By.cssSelector("#enf-chart .problem"))).isEmpty();
    }
}
