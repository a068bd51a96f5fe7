package org.smartcustoms.server.inspection;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a control found. Anything but {@link #NO_IRREGULARITY} is an irregularity (a positive training
 * label); prohibited goods and IPR infringements are non-fiscal, "critical" findings (KCS critical-fraud grade 2).
 */
public enum InspectionOutcome {
    NO_IRREGULARITY, UNDERVALUATION, MISCLASSIFICATION, ORIGIN, PROHIBITED_GOODS, IPR_INFRINGEMENT, OTHER;

    public boolean irregular() { return this != NO_IRREGULARITY; }

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
