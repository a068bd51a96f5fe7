package org.smartcustoms.server.declaration;

import java.util.Objects;

import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.TariffAssessment;

/** What an {@link AcceptanceStep} concluded about a declaration. */
public sealed interface StepOutcome {
    /** Duty and taxes, with the tax notification text for the declarant (amounts only, nothing about targeting). */
    record Assessed(TariffAssessment assessment, String notice) implements StepOutcome {
        public Assessed {
            Objects.requireNonNull(assessment, "assessment");
            Objects.requireNonNull(notice, "notice");
        }
    }

    /** The risk engine's decision; the intake stores it and routes the declaration by its channel. */
    record Targeted(RiskDecision decision) implements StepOutcome {
        public Targeted {
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** Nothing to record. */
    record None() implements StepOutcome { }
}
