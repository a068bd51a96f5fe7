package org.smartcustoms.statistics;

import java.util.Locale;

/** Direction of trade; the partner is the country of origin for imports and of destination for exports. */
public enum Flow {
    IMPORT, EXPORT;

    /** {@code import} / {@code export}, case-insensitive. */
    public static Flow parse(String text) {
        if (text != null) {
            for (Flow f : values()) if (f.name().equalsIgnoreCase(text.strip())) return f;
        }
        throw new IllegalArgumentException("Unknown flow '" + text + "': use import or export");
    }

    /** The flow of a WCO declaration type code (IM..., EX...), or null for transit and other types. */
    public static Flow ofTypeCode(String typeCode) {
        if (typeCode == null) return null;
        String t = typeCode.toUpperCase(Locale.ROOT);
        if (t.startsWith("IM")) return IMPORT;
        if (t.startsWith("EX")) return EXPORT;
        return null;
    }

    public String code() { return name().toLowerCase(Locale.ROOT); }
}
