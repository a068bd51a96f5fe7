package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.Locale;

/**
 * ICAO Doc 9303 TD3 (passport) machine-readable zone: two lines of 44 characters. {@link #parse} verifies the four
 * check digits (document number, birth date, expiry date, composite) and answers the {@link Passport}; {@link #td3}
 * writes the zone for a passport (for the demo and for tests). Birth years are placed in the century that keeps
 * the date in the past (relative to {@code today}); expiry years in 2000-2099.
 */
public final class Mrz {
    private Mrz() { }

    /** Parses a TD3 zone: the two lines joined by a line break, or the 88 characters run together. */
    public static Passport parse(String text, LocalDate today) {
        if (text == null) throw new MrzException("the MRZ is missing");
        String s = text.strip().toUpperCase(Locale.ROOT).replace("\r", "");
        String[] lines = s.split("\\s*\n\\s*");
        String l1;
        String l2;
        if (lines.length == 2) {
            l1 = lines[0];
            l2 = lines[1];
        } else if (lines.length == 1 && s.length() == 88) {
            l1 = s.substring(0, 44);
            l2 = s.substring(44);
        } else {
            throw new MrzException("a passport MRZ (TD3) has two lines of 44 characters");
        }
        if (l1.length() != 44 || l2.length() != 44) throw new MrzException("a passport MRZ (TD3) has two lines of 44 characters");
        if (!l1.matches("[A-Z0-9<]{44}") || !l2.matches("[A-Z0-9<]{44}")) {
            throw new MrzException("the MRZ may contain only A-Z, 0-9 and '<'");
        }
        if (l1.charAt(0) != 'P') throw new MrzException("line 1 must start with P (passport)");
        String issuing = l1.substring(2, 5).replace("<", "");
        String[] names = l1.substring(5).split("<<", 2);
        String surname = names[0].replace('<', ' ').strip();
        String given = names.length > 1 ? names[1].replace('<', ' ').strip().replaceAll(" +", " ") : "";
        String docField = l2.substring(0, 9);
        check(docField, l2.charAt(9), "document number");
        String nationality = l2.substring(10, 13).replace("<", "");
        String birth = l2.substring(13, 19);
        check(birth, l2.charAt(19), "date of birth");
        String sex = l2.substring(20, 21);
        String expiry = l2.substring(21, 27);
        check(expiry, l2.charAt(27), "expiry date");
        String optional = l2.substring(28, 42);
        if (l2.charAt(42) != '<' || !optional.replace("<", "").isEmpty()) check(optional, l2.charAt(42), "personal number");
        String composite = l2.substring(0, 10) + l2.substring(13, 20) + l2.substring(21, 43);
        check(composite, l2.charAt(43), "composite");
        LocalDate birthDate = date(birth, "date of birth");
        if (birthDate.isAfter(today)) birthDate = birthDate.minusYears(100);
        LocalDate expiryDate = expiry.equals("<<<<<<") ? null : date(expiry, "expiry date");
        try {
            return new Passport(docField.replace("<", ""), issuing, surname, given, nationality, birthDate, sex, expiryDate);
        } catch (IllegalArgumentException e) {
            throw new MrzException(e.getMessage());
        }
    }

    /** Writes the TD3 zone (two lines joined by '\n') of a passport. */
    public static String td3(Passport p) {
        String names = clean(p.surname()) + "<<" + clean(p.givenNames());
        String l1 = pad("P<" + pad(p.issuingState(), 3) + names, 44);
        if (l1.length() > 44) l1 = l1.substring(0, 44);
        String doc = pad(p.documentNumber(), 9);
        String birth = yymmdd(p.birthDate());
        String expiry = p.expiryDate() == null ? "<<<<<<" : yymmdd(p.expiryDate());
        String optional = "<".repeat(14);
        String l2 = doc + digit(doc) + pad(p.nationality(), 3) + birth + digit(birth) + p.sex().replace("X", "<")
                + expiry + digit(expiry) + optional + "<";
        l2 = l2 + digit(l2.substring(0, 10) + l2.substring(13, 20) + l2.substring(21, 43));
        return l1 + "\n" + l2;
    }

    /** The ICAO 9303 check digit of a field (weights 7, 3, 1; '<' is 0, A is 10 ... Z is 35). */
    public static char digit(String field) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            int v = c == '<' ? 0 : Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * weights[i % 3];
        }
        return (char) ('0' + sum % 10);
    }

    private static void check(String field, char given, String what) {
        char expected = digit(field);
        char g = given == '<' ? '0' : given;
        if (g != expected) throw new MrzException("wrong check digit for the " + what + " in the MRZ");
    }

    private static LocalDate date(String yymmdd, String what) {
        if (!yymmdd.matches("\\d{6}")) throw new MrzException("the " + what + " in the MRZ is not a date");
        try {
            return LocalDate.of(2000 + Integer.parseInt(yymmdd.substring(0, 2)), Integer.parseInt(yymmdd.substring(2, 4)),
                    Integer.parseInt(yymmdd.substring(4, 6)));
        } catch (java.time.DateTimeException e) {
            throw new MrzException("the " + what + " in the MRZ is not a date");
        }
    }

    private static String yymmdd(LocalDate d) {
        return String.format(Locale.ROOT, "%02d%02d%02d", d.getYear() % 100, d.getMonthValue(), d.getDayOfMonth());
    }

    private static String clean(String name) {
        return java.text.Normalizer.normalize(name == null ? "" : name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "<").replaceAll("^<|<$", "");
    }

    private static String pad(String s, int n) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < n) b.append('<');
        return b.toString();
    }

}
