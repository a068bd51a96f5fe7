package org.smartcustoms.server.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;
import org.springframework.boot.test.context.SpringBootTest;

/** The statistics page on the demo world, as a data steward and as a researcher, photographed into target/screenshots. */
@Tag("browser")
@OnH2
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"smartcustoms.demo.enabled=true", "smartcustoms.demo.declarations=500", "smartcustoms.demo.model-rounds=30",
                "smartcustoms.retrain.rounds=30", "smartcustoms.demo.target-red-rate=0.04", "smartcustoms.demo.target-yellow-rate=0.10"})
class StatisticsPageBrowserTest extends ApiTestSupport {
    static final String PASSWORD = "correct horse battery";

    @Test
    void statisticsPageShowsChartsAndProtectedTablesFromTheDemoWorld() throws Exception {
        try (BrowserSupport b = BrowserSupport.start(port)) {
            // signed out: the public page (the API behind it is open), without the research or steward sections
            b.openSignedOut("statistics");
            b.visible(By.cssSelector("#statistics-charts svg.chart rect"));
            b.visible(By.cssSelector("#statistics-cells tbody tr"));
            assertThat(b.driver.findElements(By.cssSelector("#statistics-charts svg.chart"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(b.driver.findElements(By.cssSelector("#statistics-research, #statistics-steward, #logout"))).isEmpty();
            assertThat(b.screenshot("statistics-public")).exists();
            // and the sign-in page links to it
            b.driver.get(b.base + "/#/login");
            b.visible(By.id("public-statistics-link")).click();
            b.visible(By.cssSelector("#statistics-charts svg.chart rect"));

            String suffix = UUID.randomUUID().toString().substring(0, 6);
            for (Role role : new Role[] {Role.DATA_STEWARD, Role.RESEARCHER}) {
                String name = "stats-" + role.name().toLowerCase() + "-" + suffix;
                users.create(name, PASSWORD, role, null);
                b.login(name, PASSWORD);
                b.open("statistics");
                b.visible(By.cssSelector("#statistics-charts svg.chart rect"));
                b.visible(By.cssSelector("#statistics-cells tbody tr"));
                b.visible(By.cssSelector("#research-projects"));
                String text = b.driver.findElement(By.id("statistics-cells")).getText();
                assertThat(text).contains("Total");
                assertThat(b.driver.findElements(By.cssSelector("#statistics-charts svg.chart"))).hasSizeGreaterThanOrEqualTo(3);
                Path shot = b.screenshot("statistics-" + role.name().toLowerCase());
                assertThat(shot).exists();
                b.logout();
            }
        }
    }
}
