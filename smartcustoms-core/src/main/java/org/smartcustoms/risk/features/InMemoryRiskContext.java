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
    private final Map<String, Map<String, BigDecimal>> medians = new ConcurrentHashMap<>();

    public InMemoryRiskContext putParty(PartyProfile profile) {
        parties.put(profile.partyId(), profile);
        return this;
    }

    public InMemoryRiskContext putMedianUnitPrice(String hs6, String origin, BigDecimal median) {
        medians.computeIfAbsent(hs6, k -> new ConcurrentHashMap<>()).put(origin == null ? "" : origin, median);
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
        Map<String, BigDecimal> byOrigin = hs6 == null ? null : medians.get(hs6);
        return byOrigin == null ? Optional.empty() : Optional.ofNullable(byOrigin.get(origin == null ? "" : origin));
    }
}
