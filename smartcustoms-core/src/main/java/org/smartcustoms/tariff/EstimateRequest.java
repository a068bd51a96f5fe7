package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A trader's "what will I pay?" question for one consignment line, before any declaration exists.
 * {@code quantity}/{@code unit} (UN/ECE Rec 20, e.g. KGM, LTR, NAR) are needed only when a specific rate
 * applies; {@code agreement} restricts preference to one arrangement (null = best available);
 * {@code incoterm} (e.g. FOB, CIF) decides whether {@code freight} and {@code insurance} (in {@code currency})
 * are added. {@code date} drives rates and validity.
 */
public record EstimateRequest(String hsCode, String origin, BigDecimal value, String currency, BigDecimal quantity,
                              String unit, LocalDate date, String agreement, boolean proofOfOrigin, String incoterm,
                              BigDecimal freight, BigDecimal insurance) {
    public EstimateRequest {
        if (hsCode == null || hsCode.isBlank()) throw new IllegalArgumentException("hsCode is required");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(date, "date");
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException("currency is required");
        if (value.signum() < 0) throw new IllegalArgumentException("value must not be negative: " + value.toPlainString());
        if (quantity != null && quantity.signum() < 0) throw new IllegalArgumentException("quantity must not be negative: " + quantity.toPlainString());
        if (quantity != null && (unit == null || unit.isBlank())) throw new IllegalArgumentException("a quantity needs a unit");
        if (freight != null && freight.signum() < 0) throw new IllegalArgumentException("freight must not be negative: " + freight.toPlainString());
        if (insurance != null && insurance.signum() < 0) throw new IllegalArgumentException("insurance must not be negative: " + insurance.toPlainString());
        hsCode = Nomenclature.normalize(hsCode);
        origin = upper(origin);
        currency = upper(currency);
        unit = upper(unit);
        agreement = upper(agreement);
        incoterm = upper(incoterm);
    }

    /** The minimum: code, origin, value and date, no quantity, no preference claim, value taken as CIF. */
    public static EstimateRequest of(String hsCode, String origin, BigDecimal value, String currency, LocalDate date) {
        return new EstimateRequest(hsCode, origin, value, currency, null, null, date, null, false, null, null, null);
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
