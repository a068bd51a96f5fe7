package org.smartcustoms.server.inspection;

import java.time.Instant;

/** A recorded inspection result; {@code declarationStatus} is the declaration's status after the officer's decision. */
public record InspectionResult(long id, String declarationId, String officer, InspectionOutcome outcome,
                               InspectionRequest.Amount additionalDuty, InspectionRequest.Seizure seizure, String notes,
                               InspectionDecision decision, Instant recordedAt, String declarationStatus) {
    /** Whether the outcome is an irregularity ({@link InspectionOutcome#IRREGULAR}), for pages that colour it. */
    @com.fasterxml.jackson.annotation.JsonProperty("irregular")
    public boolean irregular() { return outcome != null && outcome.irregular(); }

    InspectionResult withStatus(String status) {
        return new InspectionResult(id, declarationId, officer, outcome, additionalDuty, seizure, notes, decision, recordedAt, status);
    }
}
