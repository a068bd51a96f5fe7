package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The identity page of a passport as read from its machine-readable zone (or typed): document number, issuing
 * state and nationality (ICAO 3-letter codes), names, birth and expiry dates and sex ({@code M}, {@code F} or
 * {@code X} when unspecified).
 */
public record Passport(String documentNumber, String issuingState, String surname, String givenNames,
                       String nationality, LocalDate birthDate, String sex, LocalDate expiryDate) {
    public Passport {
        documentNumber = req(documentNumber, "document number").toUpperCase(java.util.Locale.ROOT);
        if (!documentNumber.matches("[A-Z0-9]{1,9}")) {
            throw new IllegalArgumentException("document number must be 1 to 9 letters or digits");
        }
        surname = req(surname, "surname");
        givenNames = givenNames == null ? "" : givenNames.strip();
        nationality = code(nationality, "nationality");
        issuingState = issuingState == null || issuingState.isBlank() ? nationality : code(issuingState, "issuing state");
        Objects.requireNonNull(birthDate, "birth date is required");
        sex = sex == null || sex.isBlank() || sex.equals("<") ? "X" : sex.strip().toUpperCase(java.util.Locale.ROOT);
        if (!sex.matches("[MFX]")) throw new IllegalArgumentException("sex must be M, F or X");
        if (surname.length() > 80 || givenNames.length() > 80) throw new IllegalArgumentException("names are at most 80 characters");
    }

    /** "Given names Surname", as names are written on watch lists. */
    public String fullName() {
        return givenNames.isEmpty() ? surname : givenNames + " " + surname;
    }

    private static String req(String v, String what) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(what + " is required");
        return v.strip();
    }

    private static String code(String v, String what) {
        String c = req(v, what).toUpperCase(java.util.Locale.ROOT);
        if (!c.matches("[A-Z]{3}|D")) throw new IllegalArgumentException(what + " must be a 3-letter ICAO code, got '" + c + "'");
        return c;
    }
}
