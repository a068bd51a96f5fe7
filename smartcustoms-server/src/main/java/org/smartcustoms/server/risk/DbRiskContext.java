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
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;
    private final TariffService tariff;
    private final Clock clock;
    private final Map<String, Cached> profiles = new ConcurrentHashMap<>();
    private volatile Norms norms;

    private record Cached(PartyProfile profile, LocalDate before, long at) { }

    private record Norms(Map<String, BigDecimal> medians, long at) { }

    DbRiskContext(JdbcTemplate jdbc, TariffService tariff, Clock clock) {
        this.jdbc = jdbc;
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
        java.sql.Date b = java.sql.Date.valueOf(before == null ? LocalDate.now(clock).plusDays(1) : before);
        // Two index look-ups (importer, declarant acting for others) instead of one OR, which would scan the table.
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT COUNT(*) AS n, MIN(declaration_date) AS first_seen FROM declaration
                WHERE importer_id = ? AND declaration_date < ?""", partyId, b);
        Map<String, Object> asDeclarant = jdbc.queryForMap("""
                SELECT COUNT(*) AS n, MIN(declaration_date) AS first_seen FROM declaration
                WHERE declarant_id = ? AND declaration_date < ? AND (importer_id IS NULL OR importer_id <> ?)""", partyId, b, partyId);
        long n = ((Number) row.get("n")).longValue() + ((Number) asDeclarant.get("n")).longValue();
        if (n == 0) return PartyProfile.UNKNOWN;
        Long frauds = jdbc.queryForObject("""
                SELECT COUNT(DISTINCT r.declaration_id) FROM inspection_result r JOIN declaration d ON d.id = r.declaration_id
                WHERE d.importer_id = ? AND d.declaration_date < ? AND r.outcome <> 'NO_IRREGULARITY'""", Long.class, partyId, b);
        Object first = earliest(row.get("first_seen"), asDeclarant.get("first_seen"));
        LocalDate firstSeen = first instanceof java.sql.Date d ? d.toLocalDate()
                : first instanceof LocalDate ld ? ld : null;
        return new PartyProfile(partyId, n, Math.min(n, frauds == null ? 0 : frauds), firstSeen);
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

    private static Object earliest(Object a, Object b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.toString().compareTo(b.toString()) <= 0 ? a : b;
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
        jdbc.query("""
                SELECT commodity_code, origin_country, value_amount, value_currency, quantity FROM declaration_item
                WHERE quantity > 0 AND value_amount > 0""", rs -> {
            String code = rs.getString(1);
            if (code == null || code.length() < 6) return;
            BigDecimal value = rs.getBigDecimal(3);
            String currency = rs.getString(4);
            BigDecimal rate;
            try {
                rate = tariff.data().exchangeRates().rate(currency, today);
            } catch (RuntimeException noRate) {
                return;
            }
            BigDecimal perUnit = value.multiply(rate).divide(rs.getBigDecimal(5), MathContext.DECIMAL64);
            values.computeIfAbsent(code.substring(0, 6) + "|" + rs.getString(2), k -> new ArrayList<>()).add(perUnit);
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
