package org.smartcustoms.risk.features;

import java.time.LocalDate;

/**
 * What customs knows about a trader before a given date: how many declarations it lodged, how many of
 * the inspected ones were found irregular, and since when it is known. Rules and the model use it as
 * "party history"; {@link #UNKNOWN} stands for a trader never seen, which is itself a risk signal.
 */
public record PartyProfile(String partyId, long declarationCount, long fraudCount, LocalDate firstSeen) {
    public static final PartyProfile UNKNOWN = new PartyProfile(null, 0, 0, null);

    public PartyProfile {
        if (declarationCount < 0 || fraudCount < 0 || fraudCount > declarationCount) {
            throw new IllegalArgumentException("counts must satisfy 0 <= fraudCount <= declarationCount");
        }
    }

    /** Share of past declarations found irregular, 0 when there is no history. */
    public double fraudRate() {
        return declarationCount == 0 ? 0 : (double) fraudCount / declarationCount;
    }

    /** Days between first sighting and {@code at}; 0 for an unknown trader. */
    public long ageDays(LocalDate at) {
        return firstSeen == null || at == null ? 0 : Math.max(0, at.toEpochDay() - firstSeen.toEpochDay());
    }
}
