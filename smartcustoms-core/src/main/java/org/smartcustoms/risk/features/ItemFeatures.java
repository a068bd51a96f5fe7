package org.smartcustoms.risk.features;

/**
 * Everything a rule may look at for one goods item in its declaration: declared fields flattened to
 * plain values plus derived features. Strings are never null ("" when absent) and numbers are 0 when
 * absent, so that rule authors write {@code unit_price < 3.0} without null checks; {@code hasNorm}
 * says whether {@code normDeviation} is meaningful.
 *
 * <p>{@code normDeviation} is {@link org.smartcustoms.tariff.PriceNorms.Comparison#deviation()}: the item's unit
 * value against the HS6 x origin price norm as of the declaration date; -0.6 means declared 60 % below the norm.
 *
 * <p>{@code suggestedHs6}, {@code classificationConfidence} and {@code classificationDistance} are the
 * {@link ClassificationCheck}'s opinion of the description ("", 0 and 0 without one); the distance is
 * {@link ClassificationCheck.Distance#level()}.
 */
public record ItemFeatures(int itemSequence, String hs, String origin, String office, String importer,
                           String declarant, String seller, double value, String currency, double netMass,
                           double quantity, String unit, double unitPrice, double pricePerKg, double normDeviation,
                           boolean hasNorm, long importerHistoryCount, double importerFraudRate, long partyAgeDays,
                           String transportMode, String procedure, String declarationType, int itemCount,
                           String description, String preferentialOrigin, String suggestedHs6,
                           double classificationConfidence, int classificationDistance) {
    public ItemFeatures {
        hs = nz(hs);
        origin = nz(origin);
        office = nz(office);
        importer = nz(importer);
        declarant = nz(declarant);
        seller = nz(seller);
        currency = nz(currency);
        unit = nz(unit);
        transportMode = nz(transportMode);
        procedure = nz(procedure);
        declarationType = nz(declarationType);
        description = nz(description);
        preferentialOrigin = nz(preferentialOrigin);
        suggestedHs6 = nz(suggestedHs6);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
