package org.smartcustoms.demo;

import java.util.List;

/**
 * A 6-digit HS subheading as the demo world trades it: typical unit price (USD per kg, log-normal median
 * and spread), indicative MFN duty rate (% of value, NaN until the world prices it from the demo tariff), supplementary unit with its weight per unit, typical shipment mass,
 * and the origins it usually comes from (empty: the world's general origin mix).
 */
record Commodity(String hs6, String description, double medianUsdPerKg, double priceSigma, double dutyRate,
                 String unit, double kgPerUnit, double medianShipmentKg, List<String> origins) {
    Commodity {
        if (!hs6.matches("\\d{6}")) throw new IllegalArgumentException("hs6: " + hs6);
        origins = List.copyOf(origins);
        if (description.length() > 512) description = description.substring(0, 512);
    }

    String chapter() { return hs6.substring(0, 2); }

    Commodity withDutyRate(double percent) {
        return new Commodity(hs6, description, medianUsdPerKg, priceSigma, percent, unit, kgPerUnit, medianShipmentKg, origins);
    }
}
