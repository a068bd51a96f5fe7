package org.smartcustoms.enforcement;

import java.util.Arrays;
import java.util.Locale;

/** Parsing of the enumerated codes with an error that names the allowed values. */
final class Codes {
    private Codes() { }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required (one of " + Arrays.toString(type.getEnumConstants()) + ")");
        }
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        for (E e : type.getEnumConstants()) if (e.name().replace("_", "").equals(v.replace("_", ""))) return e;
        throw new IllegalArgumentException("unknown " + field + " '" + value + "' (one of " + Arrays.toString(type.getEnumConstants()) + ")");
    }

    static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new IllegalArgumentException(field + " is required");
            return null;
        }
        String v = value.strip();
        if (v.length() > max) throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') throw new IllegalArgumentException(field + " contains a control character");
        }
        return v;
    }
}
