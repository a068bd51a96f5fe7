package org.smartcustoms.server.inspection;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a control found. Anything but {@link #NO_IRREGULARITY} is an irregularity (a positive training
 * label); prohibited goods and IPR infringements are non-fiscal, "critical" findings (KCS critical-fraud grade 2).
 */
public enum InspectionOutcome {
    NO_IRREGULARITY, UNDERVALUATION, MISCLASSIFICATION, ORIGIN, PROHIBITED_GOODS, IPR_INFRINGEMENT, OTHER;

    /** The outcomes that are irregularities: the one definition the code, the stores' SQL and the web pages use. */
    public static final java.util.Set<InspectionOutcome> IRREGULAR =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.complementOf(java.util.EnumSet.of(NO_IRREGULARITY)));

    /** Whether the control found an irregularity (member of {@link #IRREGULAR}). */
    public boolean irregular() { return IRREGULAR.contains(this); }

    /** Whether a stored outcome name is an irregularity; unknown names are not. */
    public static boolean irregular(String storedName) {
        if (storedName == null) return false;
        try {
            return valueOf(storedName).irregular();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * An SQL condition "{@code column} is an irregular outcome", built from {@link #IRREGULAR} for the stores
     * ({@code column} is a trusted column name, the literals are the enum's names).
     */
    public static String irregularSql(String column) {
        return column + " IN (" + IRREGULAR.stream().map(o -> "'" + o.name() + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    public boolean critical() { return this == PROHIBITED_GOODS || this == IPR_INFRINGEMENT; }

    static InspectionOutcome parse(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("outcome is required (one of " + Arrays.toString(values()) + ")");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + s + "' (one of " + Arrays.toString(values()) + ")");
        }
    }
}
