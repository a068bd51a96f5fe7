package org.smartcustoms.tariff;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One node of the nomenclature: a section (roman numeral), chapter (2 digits), heading (4), HS subheading (6)
 * or national tariff line (8 or 10 digits), valid from {@code validFrom} to {@code validTo} inclusive (null =
 * open). {@code parent} is the code of the node above (null for sections; a chapter's parent is its section).
 */
public record CommodityCode(String code, Level level, String description, String parent, String section,
                            LocalDate validFrom, LocalDate validTo) {

    /** Depth in the hierarchy; national lines are everything below the 6-digit HS subheading. */
    public enum Level { SECTION, CHAPTER, HEADING, SUBHEADING, NATIONAL }

    public CommodityCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        description = description == null ? "" : description.trim();
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("code " + code + ": valid_to " + validTo + " before valid_from " + validFrom);
        }
    }

    /** Level implied by the number of digits (2, 4, 6, 8 or 10). */
    static Level levelOf(String digits) {
        return switch (digits.length()) {
            case 2 -> Level.CHAPTER;
            case 4 -> Level.HEADING;
            case 6 -> Level.SUBHEADING;
            case 8, 10 -> Level.NATIONAL;
            default -> throw new IllegalArgumentException("a commodity code has 2, 4, 6, 8 or 10 digits: '" + digits + "'");
        };
    }

    public boolean validOn(LocalDate date) {
        if (date == null) return true;
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
}
