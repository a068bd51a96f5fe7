package org.smartcustoms.server.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.smartcustoms.risk.features.PartyProfile;
import org.smartcustoms.risk.features.RiskContext;
import org.smartcustoms.server.tariff.TariffService;
import org.springframework.stereotype.Component;

/**
 * Trader history and price norms from the database, for the risk engine. Answers are cached briefly
 * (profiles 60 s, norms 5 min): a risk decision needs them in microseconds, and history that is a minute
 * old changes nothing material. Irregularities come from recorded inspection results.
 */
@Component
class DbRiskContext implements RiskContext {
    private static final long PROFILE_TTL_MS = 60_000;
    private static final long NORMS_TTL_MS = 300_000;
    private final RiskHistoryStore history;
    private final TariffService tariff;
    private final Clock clock;
    private final Map<String, Cached> profiles = new ConcurrentHashMap<>();
    private volatile Norms norms;

    private record Cached(PartyProfile profile, LocalDate before, long at) { }

    private record Norms(Map<String, BigDecimal> medians, long at) { }

    DbRiskContext(RiskHistoryStore history, TariffService tariff, Clock clock) {
        this.history = history;
        this.tariff = tariff;
        this.clock = clock;
    }

    @Override
    public PartyProfile party(String partyId, LocalDate before) {
        if (partyId == null) return PartyProfile.UNKNOWN;
        long now = clock.millis();
        Cached c = profiles.get(partyId);
        if (c != null && now - c.at() < PROFILE_TTL_MS && c.before().equals(before)) return c.profile();
        PartyProfile p = load(partyId, before);
        if (profiles.size() > 200_000) profiles.clear();
        profiles.put(partyId, new Cached(p, before, now));
        return p;
    }

    private PartyProfile load(String partyId, LocalDate before) {
        return history.partyProfile(partyId, before == null ? LocalDate.now(clock).plusDays(1) : before);
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

    @Override
    public Optional<BigDecimal> medianUnitPrice(String hs6, String origin) {
        Norms n = norms;
        if (n == null || clock.millis() - n.at() > NORMS_TTL_MS) {
            n = computeNorms();
            norms = n;
        }
        return Optional.ofNullable(n.medians().get(hs6 + "|" + origin));
    }

    /** Forgets cached history (after bulk loads or in tests). */
    void invalidate() {
        profiles.clear();
        norms = null;
    }

    private Norms computeNorms() {
        Map<String, List<BigDecimal>> values = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        history.pricedItems(item -> {
            String code = item.commodityCode();
            if (code == null || code.length() < 6) return;
            BigDecimal value = item.valueAmount();
            String currency = item.valueCurrency();
            BigDecimal rate;
            try {
                rate = tariff.data().exchangeRates().rate(currency, today);
            } catch (RuntimeException noRate) {
                return;
            }
            BigDecimal perUnit = value.multiply(rate).divide(item.quantity(), MathContext.DECIMAL64);
            values.computeIfAbsent(code.substring(0, 6) + "|" + item.originCountry(), k -> new ArrayList<>()).add(perUnit);
        });
        Map<String, BigDecimal> medians = new HashMap<>();
        values.forEach((k, list) -> {
            if (list.size() < 5) return; // too few observations to call it a norm
            list.sort(null);
            medians.put(k, list.get(list.size() / 2));
        });
        return new Norms(medians, clock.millis());
    }

}
