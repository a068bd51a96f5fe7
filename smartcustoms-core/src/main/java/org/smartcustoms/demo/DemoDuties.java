package org.smartcustoms.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Set;

import org.smartcustoms.tariff.DemoTariff;
import org.smartcustoms.tariff.EstimateRequest;
import org.smartcustoms.tariff.ItemAssessment;

/**
 * Prices the demo world's goods with the demo tariff, so that what the generator thinks a fraud saves is what the
 * assessment will charge: the MFN duty of a typical consignment (1,000 kg at the median price, from the US) as a
 * percentage of its value. Specific and compound duties thus become their ad valorem equivalent.
 */
final class DemoDuties {
    private static final LocalDate PRICED_ON = LocalDate.of(2026, 1, 5);
    private static final Set<String> UNITS = Set.of("KGM", "NAR", "NPR", "LTR", "GRM", "MTK");

    private DemoDuties() { }

    static double percent(Commodity c) {
        double kg = 1000;
        BigDecimal usd = BigDecimal.valueOf(kg * c.medianUsdPerKg()).setScale(2, RoundingMode.HALF_UP);
        String unit = UNITS.contains(c.unit()) ? c.unit() : "KGM";
        BigDecimal quantity = "KGM".equals(unit) ? BigDecimal.valueOf(kg)
                : BigDecimal.valueOf(Math.max(1, Math.round(kg / c.kgPerUnit())));
        try {
            ItemAssessment a = DemoTariff.shared().assessor().estimate(new EstimateRequest(c.hs6(), "US", usd, "USD",
                    quantity, unit, PRICED_ON, null, false, "CIF", null, null));
            double value = a.customsValue().amount().doubleValue();
            return value <= 0 ? 0 : Math.round(a.duty().amount().amount().doubleValue() / value * 1000) / 10.0;
        } catch (RuntimeException notPriceable) {
            return 0; // e.g. a specific duty in a unit the consignment does not declare: treat as free
        }
    }
}
