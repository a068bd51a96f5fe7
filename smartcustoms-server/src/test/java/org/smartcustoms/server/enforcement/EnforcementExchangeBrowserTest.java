package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The exchange and photo controls of the enforcement page in a real (headless) browser: the intelligence unit imports
 * a CSV file with errors (nothing stored, errors by line), then a correct one (the seizures appear), exports two
 * selected cases as a CEN-style JSON file (downloaded, persons pseudonymised without a legal basis), adds a photo of
 * the concealment to a seizure and sees it, and is told why a text file named .jpg is refused; an analyst sees the
 * photo but no upload form. Photographed into target/screenshots (enf-exchange-*.png).
 */
@Tag("browser")
@ApiTest
@OnH2
class EnforcementExchangeBrowserTest extends AbstractEnforcementBrowserTest {

    @Test
    void intelligenceImportsExportsAndAddsAPhotoThatAnAnalystSees() throws IOException {
        String u = TestUsers.unique().toUpperCase();
        String intel = "intel-" + u;
        String analyst = "analyst-" + u;
        users.create(intel, PASSWORD, Role.INTELLIGENCE, null);
        users.create(analyst, PASSWORD, Role.ANALYST, null);
        String office = "X" + u;
        LocalDate day = LocalDate.now().minusDays(2);
        Path dir = Files.createTempDirectory("enf-exchange-");
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        b = BrowserSupport.start(port);
        b.login(intel, PASSWORD);
        b.open("enforcement");

        // 1. a file with a future date and an unknown detection method: refused as a whole, errors by line
        Path broken = write(dir, "broken-" + u + ".csv", "reference,date,office,detectionMethod,goods,quantity,unit,concealment\n"
                + "B1-" + u + "," + day + "," + office + ",XRAY,cigarettes,200,NAR,false floor\n"
                + "B2-" + u + "," + LocalDate.now().plusDays(5) + "," + office + ",XRAY,cigarettes,100,NAR,false floor\n"
                + "B3-" + u + "," + day + "," + office + ",CRYSTAL_BALL,cocaine,2,KG,tyres\n");
        importFile(broken);
        String errors = b.visible(By.id("enf-import-errors")).getText();
        assertThat(errors).contains("Nothing imported").contains("line 3: date " + LocalDate.now().plusDays(5) + " is in the future")
                .contains("line 4: unknown detectionMethod 'CRYSTAL_BALL'");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure WHERE office = ?", Integer.class, office)).isZero();
        b.screenshot("enf-exchange-01-import-errors");

        // 2. a correct file: both seizures stored and listed
        Path good = write(dir, "seizures-" + u + ".csv", "reference,date,office,detectionMethod,goods,quantity,unit,concealment\n"
                + "G1-" + u + "," + day + "," + office + ",XRAY,cigarettes,200,NAR,false floor\n"
                + "G2-" + u + "," + day + "," + office + ",DOG,cocaine,2,KG,tyres\n");
        importFile(good);
        assertThat(b.visible(By.id("enf-import-ok")).getText()).contains("2 seizures imported from " + good.getFileName());
        List<String> ids = jdbc.queryForList("SELECT id FROM enf_seizure WHERE office = ? ORDER BY id", String.class, office);
        assertThat(ids).hasSize(2);
        b.waitFor().until(d -> ids.stream().allMatch(id -> !d.findElements(By.cssSelector("#enf-seizure-table tr[data-id='" + id + "']")).isEmpty()));
        b.screenshot("enf-exchange-02-imported");

        // 3. export the two cases as JSON (no legal basis): a downloaded file, persons pseudonymised
        ((HasCdp) b.driver).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        for (String id : ids) b.driver.findElement(By.cssSelector("#enf-seizure-table tr[data-id='" + id + "'] input.enf-pick")).click();
        b.driver.findElement(By.id("enf-export-button")).click();
        assertThat(b.visible(By.id("enf-export-ok")).getText()).contains("2 cases exported").contains("pseudonymised");
        Path file = b.waitFor().until(d -> {
            try (Stream<Path> s = Files.list(downloads)) {
                return s.filter(p -> p.toString().endsWith(".json")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        JsonNode doc = new ObjectMapper().readTree(Files.readString(file));
        assertThat(doc.get("format").asText()).isEqualTo("smartcustoms-cen-exchange/1");
        assertThat(doc.get("personalData").asText()).isNotEqualTo("INCLUDED");
        assertThat(doc.get("cases").findValuesAsText("reference")).containsExactlyInAnyOrderElementsOf(ids);
        b.screenshot("enf-exchange-03-exported");

        // 4. a photo of the concealment on the seizure: uploaded, shown; a text file named .jpg is refused with the reason
        String seizure = ids.get(0);
        b.open("enforcement/seizure/" + seizure);
        b.visible(By.id("enf-photo-form"));
        b.driver.findElement(By.id("enf-photo-file")).sendKeys(png(dir).toAbsolutePath().toString());
        type("enf-photo-caption", "false floor " + u);
        b.driver.findElement(By.cssSelector("#enf-photo-form button[type=submit]")).click();
        b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("enf-photo-ok"), "metadata removed"));
        waitForPictures(1);
        assertThat(b.driver.findElement(By.id("enf-photos")).getText()).contains("false floor " + u).contains("320×200 PNG");
        Path fake = write(dir, "not-a-photo.jpg", "these are words, not a picture");
        b.driver.findElement(By.id("enf-photo-file")).sendKeys(fake.toAbsolutePath().toString());
        b.driver.findElement(By.cssSelector("#enf-photo-form button[type=submit]")).click();
        assertThat(b.visible(By.id("enf-photo-refused")).getText()).contains("Not a JPEG or PNG picture (415)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM enf_photo WHERE seizure_id = ?", Integer.class, seizure)).isEqualTo(1);
        b.screenshot("enf-exchange-04-photo");
        b.logout();

        // 5. an analyst sees the photo, may not upload, and has no exchange controls
        b.login(analyst, PASSWORD);
        b.open("enforcement/seizure/" + seizure);
        waitForPictures(1);
        assertThat(b.driver.findElements(By.id("enf-photo-form"))).isEmpty();
        b.open("enforcement");
        assertThat(b.driver.findElements(By.id("enf-import"))).isEmpty();
        assertThat(b.driver.findElements(By.cssSelector("input.enf-pick"))).isEmpty();
    }

    private void importFile(Path f) {
        b.driver.findElement(By.id("enf-import-file")).sendKeys(f.toAbsolutePath().toString());
        b.driver.findElement(By.cssSelector("#enf-import button[type=submit]")).click();
        b.waitFor().until(d -> !d.findElements(By.cssSelector("#enf-import-result > *")).isEmpty());
    }

    /** Waits until {@code n} photos are decoded and drawn (naturalWidth > 0: the browser received a real image). */
    private void waitForPictures(int n) {
        b.waitFor().until(d -> ((Number) b.js("return [...document.querySelectorAll('#enf-photos img')]"
                + ".filter(i => i.complete && i.naturalWidth > 0).length;")).intValue() == n);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path png(Path dir) throws IOException {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120, 90, 60));
        g.fillRect(0, 0, 320, 200);
        g.setColor(new Color(230, 200, 120));
        for (int x = 0; x < 320; x += 40) g.fillRect(x, 120, 30, 60);
        g.dispose();
        Path p = dir.resolve("concealment.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }
}
