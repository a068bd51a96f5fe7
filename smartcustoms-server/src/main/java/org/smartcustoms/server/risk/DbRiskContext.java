package org.smartcustoms.server.risk;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.risk.features.PartyProfile;
import org.smartcustoms.risk.features.RiskContext;
import org.smartcustoms.server.tariff.PriceNormService;
import org.smartcustoms.server.tariff.TariffService;
import org.smartcustoms.tariff.PriceNorms;
import org.springframework.stereotype.Component;

/**
 * Trader history and price norms from the database, for the risk engine. Profiles are cached for 60 s, price norms
 * are the {@link PriceNormService}'s in-memory snapshot: a risk decision needs them in microseconds, and history that
 * is a minute old changes nothing material. Both answer as of the declaration's date. Irregularities come from
 * recorded inspection results.
 */
@Component
class DbRiskContext implements RiskContext {
    private static final long PROFILE_TTL_MS = 60_000;
    private final RiskHistoryStore history;
    private final TariffService tariff;
    private final Clock clock;
    private final Map<String, Cached> profiles = new ConcurrentHashMap<>();
    private final PriceNormService norms;

    private record Cached(RiskHistoryStore.PartyHistory history, long at) { }

    DbRiskContext(RiskHistoryStore history, TariffService tariff, PriceNormService norms, Clock clock) {
        this.history = history;
        this.norms = norms;
        this.tariff = tariff;
        this.clock = clock;
    }

    /**
     * The party's profile as of {@code before}, from its history read at most {@value #PROFILE_TTL_MS} ms ago (one read
     * per party and minute answers every declaration date: declarations spread over a year would otherwise each need
     * their own queries).
     */
    @Override
    public PartyProfile party(String partyId, LocalDate before) {
        if (partyId == null) return PartyProfile.UNKNOWN;
        long now = clock.millis();
        Cached c = profiles.get(partyId);
        if (stale(c, now)) c = remember(history.partyHistory(partyId), now);
        return c.history().asOf(before == null ? LocalDate.now(clock).plusDays(1) : before);
    }

    /**
     * Reads at once the history of the parties of {@code batch} whose cached history is missing or stale (the party
     * {@link #party} is asked about: the importer, else the declarant), so that a batch's risk assessments do not
     * read them one party at a time. The answers are the ones {@link #party} would have read.
     */
    void prefetch(java.util.List<Declaration> batch) {
        long now = clock.millis();
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
        for (Declaration d : batch) {
            String importer = org.smartcustoms.risk.features.DeclarationParties.firstId(d, org.smartcustoms.declaration.PartyRole.IMPORTER);
            String id = importer != null ? importer : org.smartcustoms.risk.features.DeclarationParties.declarantId(d);
            if (id == null) continue;
            if (stale(profiles.get(id), now)) wanted.add(id);
        }
        if (wanted.isEmpty()) return;
        for (RiskHistoryStore.PartyHistory h : history.partyHistories(wanted).values()) remember(h, now);
    }

    private static boolean stale(Cached c, long now) {
        return c == null || now - c.at() >= PROFILE_TTL_MS;
    }

    /** Caches a party's history read at {@code now} (the cache is emptied when it reaches 200,000 parties). */
    private Cached remember(RiskHistoryStore.PartyHistory h, long now) {
        Cached c = new Cached(h, now);
        if (profiles.size() > 200_000) profiles.clear();
        profiles.put(h.partyId(), c);
        return c;
    }

    /** Declared amounts in national currency; when no rate is known the amount stays as declared (the tariff reports it). */
    @Override
    public double toNational(double amount, String currency, LocalDate date) {
        if (currency == null) return amount;
        try {
            return amount * tariff.data().exchangeRates().rate(currency, date == null ? LocalDate.now(clock) : date).doubleValue();
        } catch (RuntimeException noRate) {
            return amount;
        }
    }

    /** The one price norm as of the declaration's own date ({@link PriceNormService}). */
    @Override
    public Optional<PriceNorms.Comparison> price(Declaration declaration, GoodsItem item) {
        return norms.compare(declaration, item);
    }

    /** Forgets cached history (after bulk loads or in tests). */
    void invalidate() {
        profiles.clear();
    }

    /**
     * Forgets the cached history of the parties whose history {@code d} is part of (its importer, its declarant), so
     * that an inspection result recorded on it counts from their next read; every other party's cached history stays
     * (an outcome every few seconds would otherwise have every party read again each time).
     */
    void forget(Declaration d) {
        String importer = org.smartcustoms.risk.features.DeclarationParties.firstId(d, org.smartcustoms.declaration.PartyRole.IMPORTER);
        String declarant = org.smartcustoms.risk.features.DeclarationParties.declarantId(d);
        if (importer != null) profiles.remove(importer);
        if (declarant != null) profiles.remove(declarant);
    }
}
