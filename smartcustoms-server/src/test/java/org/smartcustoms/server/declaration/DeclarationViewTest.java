package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.server.declaration.StoredDeclaration.StatusChange;

/** What a trader reads in the history and the next step: a hold for an incomplete assessment is not a control. */
class DeclarationViewTest {
    static final Instant T = Instant.parse("2026-11-02T01:00:00Z");

    static List<StatusChange> lifecycle(String underControlReason) {
        return List.of(new StatusChange(DeclarationStatus.SUBMITTED, T, "received", "trader-1"),
                new StatusChange(DeclarationStatus.ACCEPTED, T, "valid", "system"),
                new StatusChange(DeclarationStatus.RISK_ASSESSED, T, "risk score 12, channel GREEN", "system"),
                new StatusChange(DeclarationStatus.UNDER_CONTROL, T, underControlReason, "system"));
    }

    @Test
    void aGreenDeclarationHeldForItsAssessmentReadsAsAHoldNotAControl() {
        List<StatusChange> h = DeclarationView.traderHistory(lifecycle(DeclarationIntake.HELD_FOR_ASSESSMENT
                + " (1 item(s)); an officer must assess or reclassify before release"), Channel.GREEN, "trader-1");
        assertThat(h.get(3).reason()).isEqualTo("Held: customs is completing the assessment of duty and taxes");
        assertThat(h.get(3).actor()).isEqualTo("customs");
        assertThat(DeclarationView.nextStep(DeclarationStatus.UNDER_CONTROL, Channel.GREEN, "JPTYO100", false))
                .contains("customs office JPTYO100 is completing the assessment of duty and taxes");
    }

    @Test
    void aSelectedDeclarationStillReadsAsSelectedWithItsKindOfControl() {
        List<StatusChange> h = DeclarationView.traderHistory(lifecycle("red channel: physical inspection"), Channel.RED, "trader-1");
        assertThat(h.get(3).reason()).isEqualTo("Selected for control: physical inspection");
        assertThat(DeclarationView.nextStep(DeclarationStatus.UNDER_CONTROL, Channel.RED, "JPTYO100", false))
                .startsWith("Present the goods");
    }
}
