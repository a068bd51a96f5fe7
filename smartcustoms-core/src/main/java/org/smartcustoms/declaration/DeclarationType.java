package org.smartcustoms.declaration;

import java.util.Locale;
import java.util.Objects;

/**
 * Declaration type as in WCO DM TypeCode: the first two letters say import (IM), export (EX) or other
 * (CO, TR...), the third is the additional declaration type (A standard, D pre-lodged, ...).
 */
public record DeclarationType(String code, String additionalType) {
    public DeclarationType {
        Objects.requireNonNull(code, "code");
        code = code.trim().toUpperCase(Locale.ROOT);
        additionalType = additionalType == null || additionalType.isBlank() ? null : additionalType.trim().toUpperCase(Locale.ROOT);
    }

    /** Parses the WCO combined TypeCode, e.g. {@code "IMZ"} or {@code "EX"}. */
    public static DeclarationType parse(String typeCode) {
        String t = typeCode == null ? "" : typeCode.trim().toUpperCase(Locale.ROOT);
        if (t.length() <= 2) return new DeclarationType(t, null);
        return new DeclarationType(t.substring(0, 2), t.substring(2));
    }

    public boolean isExport() { return "EX".equals(code) || "CO".equals(code); }

    /** The WCO combined form, e.g. {@code IMZ}. */
    public String combined() { return additionalType == null ? code : code + additionalType; }
}
