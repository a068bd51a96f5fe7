package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

import org.smartcustoms.declaration.Money;

/**
 * A de minimis line of the rate file ({@code kind} {@code DE_MINIMIS}): consignments whose customs value (in
 * national currency) is at most {@code threshold} are exempt from the {@link Charge charge} for goods whose code
 * starts with {@code hsPrefix} (empty = every code), from {@code validFrom} to {@code validTo} inclusive.
 * {@code threshold} null means "no relief" (rate {@code none}): used to exclude goods from a wider line, the most
 * specific prefix winning as for rates. Examples: Japan 10,000 JPY (duty and consumption tax, with exclusions such
 * as liquor, tobacco, leather goods and knitted apparel); the EU 150 EUR for duty only (VAT always due).
 *
 * @param line the source line of the rate file
 */
public record DeMinimis(int line, Charge charge, String hsPrefix, Money threshold, LocalDate validFrom, LocalDate validTo,
                        String note) {

    /** Which charge the relief removes. */
    public enum Charge {
        /** Customs duty (MFN or preferential); excise stays due. */
        DUTY,
        /** Consumption tax / import VAT. */
        VAT;

        static Charge parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a DE_MINIMIS line needs regime DUTY or VAT, got '" + text + "'");
            }
        }
    }

    public DeMinimis {
        Objects.requireNonNull(charge, "charge");
        Objects.requireNonNull(validFrom, "validFrom");
        hsPrefix = hsPrefix == null ? "" : hsPrefix;
        if (!hsPrefix.isEmpty() && !Nomenclature.isDigits(hsPrefix)) throw new IllegalArgumentException("hs_prefix must be digits: " + hsPrefix);
        if (threshold != null && threshold.amount().signum() < 0) throw new IllegalArgumentException("a de minimis threshold must not be negative");
        if (validTo != null && validTo.isBefore(validFrom)) throw new IllegalArgumentException("valid_to before valid_from");
        note = note == null ? "" : note;
    }

    /** Whether the line grants relief at all (false for a {@code none} exclusion line). */
    public boolean grantsRelief() {
        return threshold != null;
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** Whether a customs value in national currency is within the threshold (at most it). */
    public boolean covers(BigDecimal customsValueNational) {
        return threshold != null && customsValueNational.compareTo(threshold.amount()) <= 0;
    }

    /** Parses the rate column of a DE_MINIMIS line: {@code AMOUNT CUR} (e.g. {@code 10000 JPY}) or {@code none}. */
    static Money parseThreshold(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("none")) return null;
        String[] parts = t.split("\\s+");
        if (parts.length != 2 || !parts[1].toUpperCase(Locale.ROOT).matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a DE_MINIMIS rate must be 'AMOUNT CURRENCY' (e.g. 10000 JPY) or 'none', got '" + text + "'");
        }
        try {
            return new Money(new BigDecimal(parts[0]), parts[1].toUpperCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a DE_MINIMIS amount must be a number, got '" + parts[0] + "'");
        }
    }
}
