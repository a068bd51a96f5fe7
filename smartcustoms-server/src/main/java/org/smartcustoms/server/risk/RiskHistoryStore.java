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

    /**
     * Everything {@link #partyProfile} needs for any date, in one read: the party's declarations counted per
     * declaration date (as importer, or declarant for others) and its declarations found irregular, each with its
     * declaration date and when the first irregular result was recorded. {@link PartyHistory#asOf} then answers
     * exactly as {@link #partyProfile} would have when it was read.
     */
    PartyHistory partyHistory(String partyId);

    /**
     * {@link #partyHistory} of several parties at once (a batch's importers), one entry per distinct id: the same
     * histories in a few reads instead of a few per party.
     */
    default java.util.Map<String, PartyHistory> partyHistories(java.util.Collection<String> partyIds) {
        java.util.Map<String, PartyHistory> out = new java.util.HashMap<>();
        for (String id : partyIds) out.computeIfAbsent(id, this::partyHistory);
        return out;
    }

    /** See {@link #partyHistory}. */
    record PartyHistory(String partyId, java.util.NavigableMap<LocalDate, Long> declaredPerDay, java.util.List<Irregular> irregular) {
        public PartyHistory {
            java.util.Objects.requireNonNull(partyId, "partyId");
            declaredPerDay = java.util.Collections.unmodifiableNavigableMap(new java.util.TreeMap<>(declaredPerDay));
            irregular = java.util.List.copyOf(irregular);
        }

        /** An irregular declaration: its declaration date and the first irregular inspection result's time. */
        public record Irregular(LocalDate declared, Instant firstRecorded) { }

        /** The profile as known before {@code before} (declarations dated before it; results recorded before it, UTC). */
        public PartyProfile asOf(LocalDate before) {
            long n = 0;
            for (long c : declaredPerDay.headMap(before, false).values()) n += c;
            if (n == 0) return PartyProfile.UNKNOWN;
            Instant cut = before.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            long frauds = 0;
            for (Irregular i : irregular) if (i.declared().isBefore(before) && i.firstRecorded().isBefore(cut)) frauds++;
            return new PartyProfile(partyId, n, Math.min(n, frauds), declaredPerDay.firstKey());
        }
    }

    /** A stored declaration (JSON payload) with how many inspection results it has, and how many irregular. */
    record InspectedDeclaration(String id, String payload, long inspected, long irregular) { }

    /** Declarations submitted at or after {@code since}, newest first, at most {@code limit}, streamed. */
    void submittedSince(Instant since, int limit, Consumer<InspectedDeclaration> sink);

    /** A stored declaration (current version, JSON payload) and when it was submitted. */
    record StoredPayload(String id, String payload, Instant submittedAt) { }

    /** Every stored declaration (current version), streamed in no particular order. */
    void allDeclarations(Consumer<StoredPayload> sink);
}
