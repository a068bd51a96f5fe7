package org.smartcustoms.server.inspection;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Storage port of the inspection capability: inspection results, channel overrides and the labels read from them. */
public interface InspectionStore {
    /** Stores a result; returns its generated id. */
    long insertResult(String declarationId, String officer, InspectionOutcome outcome, InspectionRequest.Amount duty,
                      InspectionRequest.Seizure seizure, String notes, InspectionDecision decision, Instant recordedAt);

    /** Results of a declaration, oldest first (status left null). */
    List<InspectionResult> results(String declarationId);

    /** Whether any result of the declaration seized goods. */
    boolean hasSeizure(String declarationId);

    /** Records an officer's channel override. */
    void insertOverride(String declarationId, String officer, String fromChannel, String toChannel, String reason, Instant at);

    /** One result's outcome and whether it seized goods. */
    record OutcomeRow(String declarationId, InspectionOutcome outcome, boolean seized) { }

    /** Every result's outcome, streamed. */
    void outcomes(Consumer<OutcomeRow> sink);

    /** The outcomes of one declaration's results. */
    List<OutcomeRow> outcomes(String declarationId);

    /** A declaration that has at least one result: its JSON payload and when it was submitted. */
    record InspectedDeclaration(String id, String payload, Instant submittedAt) { }

    /** Every declaration with at least one result (latest declared version), streamed. */
    void inspectedDeclarations(Consumer<InspectedDeclaration> sink);
}
