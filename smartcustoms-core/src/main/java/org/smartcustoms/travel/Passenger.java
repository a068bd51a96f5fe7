package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A passenger on an airline's advance passenger list: names, birth date, nationality, travel document and sex, and
 * what the list says of the journey when the airline sends it: {@code departure} the airport of embarkation (IATA
 * 3-letter, PAXLST {@code LOC+178}, else the flight's {@code LOC+125}), {@code documentCountry} the travel document's
 * issuing country (ICAO 3-letter, PAXLST {@code LOC+91}), {@code booking} the reservation reference ({@code RFF+AVF});
 * "" when not sent.
 */
public record Passenger(String surname, String givenNames, LocalDate birthDate, String nationality, String documentNumber,
                        String sex, String departure, String documentCountry, String booking) {
    public Passenger(String surname, String givenNames, LocalDate birthDate, String nationality, String documentNumber, String sex) {
        this(surname, givenNames, birthDate, nationality, documentNumber, sex, null, null, null);
    }

    public Passenger {
        departure = code(departure, "[A-Z]{3}", "departure airport must be an IATA 3-letter code");
        documentCountry = code(documentCountry, "[A-Z]{3}|D", "document issuing country must be a 3-letter ICAO code");
        booking = booking == null ? "" : booking.strip().toUpperCase(Locale.ROOT);
        if (!booking.matches("[A-Z0-9]{0,20}")) throw new IllegalArgumentException("booking reference must be up to 20 letters and digits");
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

    private static String code(String v, String pattern, String message) {
        String c = v == null ? "" : v.strip().toUpperCase(Locale.ROOT);
        if (!c.isEmpty() && !c.matches(pattern)) throw new IllegalArgumentException(message);
        return c;
    }

    public String fullName() {
        return givenNames.isEmpty() ? surname : givenNames + " " + surname;
    }
}
