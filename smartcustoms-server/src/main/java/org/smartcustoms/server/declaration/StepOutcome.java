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

    /**
     * The risk engine's decision; the intake stores it and routes the declaration by its channel. {@code ifNotStored}
     * takes back what the step learnt from the declaration (the model's history observed it) if the declaration is
     * then not stored after all: the intake runs it when the write fails or its transaction rolls back.
     */
    record Targeted(RiskDecision decision, Runnable ifNotStored) implements StepOutcome {
        public Targeted {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(ifNotStored, "ifNotStored");
        }

        /** A decision that leaves nothing to take back. */
        public Targeted(RiskDecision decision) {
            this(decision, () -> { });
        }
    }

    /** Nothing to record. */
    record None() implements StepOutcome { }
}
