package org.smartcustoms.consignment;

import java.math.BigDecimal;
import java.util.Locale;

/** Checks shared by the consignment records' constructors; each failure is an IllegalArgumentException naming the field. */
final class Fields {
    private Fields() { }

    static String required(String v, int max, String field) {
        String s = optional(v, max, field);
        if (s == null) throw new IllegalArgumentException(field + " is required");
        return s;
    }

    static String optional(String v, int max, String field) {
        if (v == null || v.isBlank()) return null;
        String s = v.strip();
        if (s.length() > max) throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) throw new IllegalArgumentException(field + " contains a control character");
        }
        return s;
    }

    static String country(String v, String field) {
        String s = required(v, 2, field).toUpperCase(Locale.ROOT);
        if (!(s.length() == 2 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) || !ConsignmentParty.knownCountry(s)) {
            throw new IllegalArgumentException(field + " must be an ISO 3166 alpha-2 country code, got '" + v.strip() + "'");
        }
        return s;
    }

    static String optionalCountry(String v, String field) {
        return v == null || v.isBlank() ? null : country(v, field);
    }

    static String reference(String v, int max, String field) {
        String s = required(v, max, field);
        if (!REFERENCE.matcher(s).matches()) {
            throw new IllegalArgumentException(field + " may hold only letters, digits and . _ / : -, got '" + s + "'");
        }
        return s;
    }

    static BigDecimal positive(BigDecimal v, String field) {
        if (v == null) throw new IllegalArgumentException(field + " is required");
        if (v.signum() <= 0) throw new IllegalArgumentException(field + " must be greater than zero");
        return bounded(v, field);
    }

    static BigDecimal bounded(BigDecimal v, String field) {
        if (v.compareTo(LIMIT) >= 0) throw new IllegalArgumentException(field + " is too large");
        if (v.scale() > 6) throw new IllegalArgumentException(field + " has more than 6 decimals");
        return v;
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("[A-Za-z0-9._/:-]+");

    static boolean sixDigits(String s) {
        if (s.length() != 6) return false;
        for (int i = 0; i < 6; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    static final BigDecimal LIMIT = new BigDecimal("1000000000000");
}
