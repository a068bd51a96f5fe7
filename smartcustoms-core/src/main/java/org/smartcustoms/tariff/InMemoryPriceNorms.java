package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;

/**
 * {@link PriceNorms} computed once from observations (immutable afterwards). The unit value of a declared item
 * is its customs (else statistical) value converted to national currency at the declaration date, divided by
 * its net mass (PER_KG) or supplementary quantity (PER_UNIT) — the same measure {@link RevenueAtRisk} uses.
 * The median of an even count is the mean of the two middle values.
 */
public final class InMemoryPriceNorms implements PriceNorms {

    /** One observed unit value. */
    public record Observation(String hs6, String origin, Basis basis, BigDecimal unitValue) {
        public Observation {
            Objects.requireNonNull(hs6, "hs6");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(unitValue, "unitValue");
            if (unitValue.signum() < 0) throw new IllegalArgumentException("unit value must not be negative");
        }
    }

    private final Map<String, BigDecimal> medians;

    private InMemoryPriceNorms(Map<String, BigDecimal> medians) { this.medians = Map.copyOf(medians); }

    public static InMemoryPriceNorms of(Collection<Observation> observations) {
        Map<String, List<BigDecimal>> groups = new HashMap<>();
        for (Observation o : observations) groups.computeIfAbsent(key(o.hs6(), o.origin(), o.basis()), k -> new ArrayList<>()).add(o.unitValue());
        Map<String, BigDecimal> m = new HashMap<>();
        groups.forEach((k, values) -> m.put(k, median(values)));
        return new InMemoryPriceNorms(m);
    }

    /** Observations from past declarations; items lacking value, mass/quantity or an exchange rate are skipped. */
    public static InMemoryPriceNorms fromDeclarations(Collection<Declaration> declarations, ExchangeRates rates) {
        List<Observation> obs = new ArrayList<>();
        for (Declaration d : declarations) {
            for (GoodsItem i : d.items()) {
                for (Basis b : Basis.values()) unitValue(d, i, b, rates).ifPresent(v -> obs.add(new Observation(i.hs6(), i.originCountry(), b, v)));
            }
        }
        return of(obs);
    }

    @Override
    public Optional<BigDecimal> medianUnitValue(String hs6, String origin, Basis basis) {
        return Optional.ofNullable(medians.get(key(hs6, origin, basis)));
    }

    /** The item's unit value in national currency on the given basis, if measurable. */
    static Optional<BigDecimal> unitValue(Declaration d, GoodsItem i, Basis basis, ExchangeRates rates) {
        Money v = i.customsValue() != null ? i.customsValue() : i.statisticalValue();
        if (v == null || i.commodityCode() == null || d.declarationDate() == null) return Optional.empty();
        BigDecimal per = per(i, basis);
        if (per == null || per.signum() <= 0) return Optional.empty();
        try {
            BigDecimal nat = v.amount().multiply(rates.rate(v.currency(), d.declarationDate()));
            return Optional.of(nat.divide(per, MathContext.DECIMAL64));
        } catch (MissingExchangeRateException e) {
            return Optional.empty();
        }
    }

    static BigDecimal per(GoodsItem i, Basis basis) {
        return basis == Basis.PER_KG ? i.netMassKg() : i.quantity() == null ? null : i.quantity().value();
    }

    private static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2)
                : s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }

    private static String key(String hs6, String origin, Basis basis) {
        return hs6 + "|" + (origin == null ? "" : origin.toUpperCase(java.util.Locale.ROOT)) + "|" + basis;
    }
}
