package org.smartcustoms.travel;

import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;
import java.util.Objects;

/**
 * What passenger-data rules ({@link PassengerRules}) read about one traveller: the advance passenger data of the
 * airline (and, at the gate, the passport read there). Text is "" when not known.
 *
 * @param groupSize passengers of the flight sharing the traveller's booking reference (1 without a reference)
 */
public record PassengerFacts(String flight, String departure, String nationality, String documentCountry, String sex,
                             int age, int groupSize, boolean onPassengerList) {
    public PassengerFacts {
        flight = up(flight);
        departure = up(departure);
        nationality = up(nationality);
        documentCountry = up(documentCountry);
        sex = up(sex);
        if (age < 0) throw new IllegalArgumentException("age must not be negative");
        if (groupSize < 1) throw new IllegalArgumentException("group size must be at least 1");
    }

    /** Age in whole years on {@code on}. */
    public static int age(LocalDate birthDate, LocalDate on) {
        Objects.requireNonNull(birthDate, "birth date");
        return Math.max(0, Period.between(birthDate, on).getYears());
    }

    private static String up(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }
}
