package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/** A passenger on an airline's advance passenger list: names, birth date, nationality, travel document and sex. */
public record Passenger(String surname, String givenNames, LocalDate birthDate, String nationality, String documentNumber,
                        String sex) {
    public Passenger {
        if (surname == null || surname.isBlank()) throw new IllegalArgumentException("surname is required");
        surname = surname.strip();
        givenNames = givenNames == null ? "" : givenNames.strip();
        Objects.requireNonNull(birthDate, "birth date is required");
        if (nationality == null || !nationality.strip().toUpperCase(Locale.ROOT).matches("[A-Z]{3}|D")) {
            throw new IllegalArgumentException("nationality must be a 3-letter ICAO code");
        }
        nationality = nationality.strip().toUpperCase(Locale.ROOT);
        documentNumber = documentNumber == null || documentNumber.isBlank() ? null : documentNumber.strip().toUpperCase(Locale.ROOT);
        if (documentNumber != null && !documentNumber.matches("[A-Z0-9]{1,20}")) {
            throw new IllegalArgumentException("document number must be letters and digits");
        }
        sex = sex == null || sex.isBlank() ? "X" : sex.strip().toUpperCase(Locale.ROOT);
        if (surname.length() > 80 || givenNames.length() > 80) throw new IllegalArgumentException("names are at most 80 characters");
    }

    public String fullName() {
        return givenNames.isEmpty() ? surname : givenNames + " " + surname;
    }
}
