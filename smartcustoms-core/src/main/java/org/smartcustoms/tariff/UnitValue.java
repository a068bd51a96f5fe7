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
        return of(item.hs6(), item.originCountry(), d.valueOf(item), basis.quantity(item), basis, d.declarationDate(), rates);
    }

    /** The unit values of a stored item on every {@link PriceNorms.Basis basis} it has, in basis order. */
    public static java.util.List<UnitValue> all(String hs6, String origin, Money value, BigDecimal netMassKg,
                                                BigDecimal quantity, LocalDate date, ExchangeRates rates) {
        java.util.List<UnitValue> out = new java.util.ArrayList<>(2);
        of(hs6, origin, value, netMassKg, PriceNorms.Basis.PER_KG, date, rates).ifPresent(out::add);
        of(hs6, origin, value, quantity, PriceNorms.Basis.PER_UNIT, date, rates).ifPresent(out::add);
        return out;
    }

    /**
     * The same measure from stored facts: {@code value} must be the item's value by {@link Declaration#valueOf},
     * {@code quantity} its quantity on {@code basis}, {@code date} the declaration date.
     */
    public static Optional<UnitValue> of(String hs6, String origin, Money value, BigDecimal quantity, PriceNorms.Basis basis,
                                         LocalDate date, ExchangeRates rates) {
        if (value == null || value.amount() == null || value.amount().signum() <= 0 || hs6 == null || hs6.length() < 6
                || date == null || quantity == null || quantity.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal national;
        try {
            national = value.amount().multiply(rates.rate(value.currency(), date));
        } catch (MissingExchangeRateException | IllegalArgumentException noRate) {
            return Optional.empty();
        }
        double unit = national.divide(quantity, MathContext.DECIMAL64).doubleValue();
        if (!(unit > 0) || Double.isInfinite(unit)) return Optional.empty();
        return Optional.of(new UnitValue(hs6.substring(0, 6), origin, basis, date, unit));
    }
}
