package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Port for reference prices: the median unit value (national currency per kg of net mass, or per
 * supplementary unit) observed for an HS subheading from an origin. Used to price undervaluation risk;
 * {@link InMemoryPriceNorms} computes it from past items, the server may back it with the database.
 */
public interface PriceNorms {

    /** What a unit value is measured per. */
    enum Basis { PER_KG, PER_UNIT }

    Optional<BigDecimal> medianUnitValue(String hs6, String origin, Basis basis);

    /** Median national-currency value per kg of net mass. */
    default Optional<BigDecimal> medianUnitValue(String hs6, String origin) {
        return medianUnitValue(hs6, origin, Basis.PER_KG);
    }
}
