package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;

/**
 * The unit value of one declared goods item, the measure every price norm is the median of: the item's value
 * ({@link Declaration#valueOf}: customs value, else statistical value, else the invoice amount of a one-item
 * declaration) converted to national currency at the rate valid on the declaration date, divided by the
 * item's net mass ({@link PriceNorms.Basis#PER_KG}) or supplementary quantity ({@link PriceNorms.Basis#PER_UNIT}).
 */
public record UnitValue(String hs6, String origin, PriceNorms.Basis basis, LocalDate date, double value) {

    public UnitValue {
        Objects.requireNonNull(hs6, "hs6");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(date, "date");
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("unit value must be positive: " + value);
    }

    /**
     * The unit value of {@code item} on {@code basis}; empty when the item has no commodity code, value, positive
     * quantity on that basis, or when no exchange rate is valid on the declaration date.
     */
    public static Optional<UnitValue> of(Declaration d, GoodsItem item, PriceNorms.Basis basis, ExchangeRates rates) {
        Money v = d.valueOf(item);
        BigDecimal per = basis.quantity(item);
        if (v == null || v.amount().signum() <= 0 || item.hs6() == null || d.declarationDate() == null
                || per == null || per.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal national;
        try {
            national = v.amount().multiply(rates.rate(v.currency(), d.declarationDate()));
        } catch (MissingExchangeRateException | IllegalArgumentException noRate) {
            return Optional.empty();
        }
        double unit = national.divide(per, MathContext.DECIMAL64).doubleValue();
        if (!(unit > 0) || Double.isInfinite(unit)) return Optional.empty();
        return Optional.of(new UnitValue(item.hs6(), item.originCountry(), basis, d.declarationDate(), unit));
    }
}
