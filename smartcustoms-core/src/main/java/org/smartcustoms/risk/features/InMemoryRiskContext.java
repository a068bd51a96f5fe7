package org.smartcustoms.risk.features;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RiskContext} held in memory, filled by the caller. Profiles are snapshots (no dating of each
 * past declaration), so {@code before} is honoured only through {@link PartyProfile#firstSeen()}: a trader
 * first seen on or after the date is unknown. Good enough for tests and benchmarks; the server's
 * storage-backed context answers exactly.
 */
public final class InMemoryRiskContext implements RiskContext {
    private final Map<String, PartyProfile> parties = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> medians = new ConcurrentHashMap<>();

    public InMemoryRiskContext putParty(PartyProfile profile) {
        parties.put(profile.partyId(), profile);
        return this;
    }

    public InMemoryRiskContext putMedianUnitPrice(String hs6, String origin, BigDecimal median) {
        medians.put(key(hs6, origin), median);
        return this;
    }

    @Override
    public PartyProfile party(String partyId, LocalDate before) {
        if (partyId == null) return PartyProfile.UNKNOWN;
        PartyProfile p = parties.get(partyId);
        if (p == null || (before != null && p.firstSeen() != null && !p.firstSeen().isBefore(before))) {
            return PartyProfile.UNKNOWN;
        }
        return p;
    }

    @Override
    public Optional<BigDecimal> medianUnitPrice(String hs6, String origin) {
        if (hs6 == null) return Optional.empty();
        return Optional.ofNullable(medians.get(key(hs6, origin)));
    }

    private static String key(String hs6, String origin) {
        return hs6 + '|' + (origin == null ? "" : origin);
    }
}
