package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.ECKey;

class QrTokensTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    final ECKey k1 = QrTokens.newKey();
    final QrTokens tokens = new QrTokens(List.of(k1));
    final QrClaims claims = new QrClaims("T1", "abc", "NH212", NOW.minusSeconds(3600), NOW.plusSeconds(3600));

    @Test
    void aValidCodeVerifiesAndCarriesNothingPersonalInClear() {
        String t = tokens.issue(claims);
        QrCheck c = tokens.verify(t, NOW);
        assertThat(c.ok()).isTrue();
        assertThat(c.claims().declarationId()).isEqualTo("T1");
        assertThat(new String(Base64.getUrlDecoder().decode(t.split("\\.")[1]))).contains("\"ph\":\"abc\"").doesNotContain("TANAKA");
    }

    @Test
    void tamperedTruncatedExpiredAndForeignCodesAreRefused() {
        String t = tokens.issue(claims);
        String[] p = t.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(p[1])).replace("NH212", "NH999");
        String tampered = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + p[2];
        assertThat(tokens.verify(tampered, NOW).refusal()).isEqualTo(QrCheck.Refusal.INVALID);
        assertThat(tokens.verify(t.substring(0, t.length() - 10), NOW).refusal()).isEqualTo(QrCheck.Refusal.INVALID);
        assertThat(tokens.verify("", NOW).refusal()).isEqualTo(QrCheck.Refusal.INVALID);
        assertThat(tokens.verify(t, NOW.plusSeconds(3600)).refusal()).isEqualTo(QrCheck.Refusal.EXPIRED);
        assertThat(tokens.verify(t, NOW.minusSeconds(3601)).refusal()).isEqualTo(QrCheck.Refusal.EXPIRED);
        String foreign = new QrTokens(List.of(QrTokens.newKey())).issue(claims);
        assertThat(tokens.verify(foreign, NOW).refusal()).isEqualTo(QrCheck.Refusal.FOREIGN);
    }

    @Test
    void codesSignedBeforeARotationStillVerify() {
        String old = tokens.issue(claims);
        ECKey k2 = QrTokens.newKey();
        QrTokens rotated = new QrTokens(List.of(k1, k2));
        assertThat(rotated.currentKeyId()).isEqualTo(k2.getKeyID());
        assertThat(rotated.verify(old, NOW).ok()).isTrue();
        assertThat(rotated.verify(rotated.issue(claims), NOW).ok()).isTrue();
        assertThat(tokens.verify(rotated.issue(claims), NOW).refusal()).isEqualTo(QrCheck.Refusal.FOREIGN);
    }

    @Test
    void qrImagesRoundTrip() {
        String t = tokens.issue(claims);
        assertThat(QrImages.decode(QrImages.png(t, 360))).contains(t);
    }

    /**
     * ZXing's finder misses about one clean generated code in eighty (CI failure): this one, among them, is read back
     * now, and so are 100 more, each signed by a new key.
     */
    @Test
    void everyGeneratedCodeIsReadBack() {
        String missedByTheFinder = "eyJraWQiOiI3Y2E2Y2Q3MSIsInR5cCI6InNjLXRyYXZlbCtqd3QiLCJhbGciOiJFUzI1NiJ9"
                + ".eyJpc3MiOiJzbWFydGN1c3RvbXMtdHJhdmVsIiwicGgiOiJhYmMiLCJuYmYiOjE3OTYxMDg0MDAsImV4cCI6MTc5NjExNTYwMCwianRpIjoiVDEiLCJmbHQiOiJOSDIxMiJ9"
                + ".AyKA8wlCY6CXJcMEW71D3NFgKUcYInx4sSX_krmndUqCP8kadlncSjXsXjkJa3rs7ny0q4BoEvGt5tr7Wg29mA";
        assertThat(QrImages.decode(QrImages.png(missedByTheFinder, 360))).contains(missedByTheFinder);
        for (int i = 0; i < 100; i++) {
            String t = new QrTokens(List.of(QrTokens.newKey())).issue(claims);
            assertThat(QrImages.decode(QrImages.png(t, 360))).as("code %d: %s", i, t).contains(t);
        }
    }
}
