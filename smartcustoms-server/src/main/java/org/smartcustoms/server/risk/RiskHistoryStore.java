package org.smartcustoms.server.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.smartcustoms.risk.features.PartyProfile;

/**
 * Read model of the risk capability over the declaration and inspection-result tables: trader history and
 * recent declarations with their inspection counts (for rule tests).
 */
public interface RiskHistoryStore {
    /**
     * A party's history as known before {@code before}: its declarations dated before it (as importer, or declarant
     * for others), and of those the ones found irregular by an inspection result recorded before it (UTC) — as the
     * model's history sees labels, so re-scoring an old declaration does not learn of later findings.
     */
    PartyProfile partyProfile(String partyId, LocalDate before);

    /** A stored declaration (JSON payload) with how many inspection results it has, and how many irregular. */
    record InspectedDeclaration(String id, String payload, long inspected, long irregular) { }

    /** Declarations submitted at or after {@code since}, newest first, at most {@code limit}, streamed. */
    void submittedSince(Instant since, int limit, Consumer<InspectedDeclaration> sink);

    /** A stored declaration (current version, JSON payload) and when it was submitted. */
    record StoredPayload(String id, String payload, Instant submittedAt) { }

    /** Every stored declaration (current version), streamed in no particular order. */
    void allDeclarations(Consumer<StoredPayload> sink);
}
