package org.smartcustoms.risk.features;

import java.time.LocalDate;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.tariff.PriceNorms;

/**
 * The history port of the risk engine: past behaviour of traders and price norms per commodity and
 * origin. Storage-backed in the server, {@link InMemoryRiskContext} in tests and benchmarks.
 * Implementations must only answer with facts dated before {@code before} so that scoring a past
 * declaration does not peek into its own future.
 */
public interface RiskContext {

    /** The trader's profile from declarations lodged before the date; {@link PartyProfile#UNKNOWN} if none. */
    PartyProfile party(String partyId, LocalDate before);

    /**
     * The item's unit value beside its {@link PriceNorms price norm} as of the declaration date (HS6 × origin,
     * per kg else per supplementary unit, national currency); empty when there is no norm or nothing to compare.
     */
    Optional<PriceNorms.Comparison> price(Declaration declaration, GoodsItem item);

    /**
     * Converts a declared amount to the national currency at the rate valid on the date. The default is the
     * identity (tests, benchmarks, single-currency data); the server converts with the tariff's exchange rates.
     */
    default double toNational(double amount, String currency, java.time.LocalDate date) {
        return amount;
    }

    /** A context with no history at all. */
    static RiskContext empty() {
        return new RiskContext() {
            public PartyProfile party(String partyId, LocalDate before) { return PartyProfile.UNKNOWN; }
            public Optional<PriceNorms.Comparison> price(Declaration declaration, GoodsItem item) { return Optional.empty(); }
        };
    }
}
