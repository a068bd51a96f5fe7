package org.smartcustoms.risk.features;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;

/**
 * A {@link RiskContext} held in memory, filled by the caller. Profiles are snapshots (no dating of each
 * past declaration), so {@code before} is honoured only through {@link PartyProfile#firstSeen()}: a trader
 * first seen on or after the date is unknown. Good enough for tests and benchmarks; the server's
 * storage-backed context answers exactly.
 */
public final class InMemoryRiskContext implements RiskContext {
    private final Map<String, PartyProfile> parties = new ConcurrentHashMap<>();
    private volatile PriceNorms norms = new PriceNorms();
    private volatile ExchangeRates rates;

    public InMemoryRiskContext putParty(PartyProfile profile) {
        parties.put(profile.partyId(), profile);
        return this;
    }

    /** Price norms to compare items with, and the rates that convert declared values for the comparison. */
    public InMemoryRiskContext usePriceNorms(PriceNorms norms, ExchangeRates rates) {
        this.norms = java.util.Objects.requireNonNull(norms, "norms");
        this.rates = java.util.Objects.requireNonNull(rates, "rates");
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
    public Optional<PriceNorms.Comparison> price(Declaration declaration, GoodsItem item) {
        ExchangeRates r = rates;
        return r == null ? Optional.empty() : norms.compare(declaration, item, r);
    }
}
