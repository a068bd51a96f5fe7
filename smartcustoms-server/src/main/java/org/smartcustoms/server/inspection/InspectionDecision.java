package org.smartcustoms.server.inspection;

import java.util.Arrays;
import java.util.Locale;

/** What the officer decides after recording a result: release the goods, or keep them under control. */
public enum InspectionDecision {
    RELEASE, KEEP_UNDER_CONTROL;

    static InspectionDecision parse(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("decision is required (one of " + Arrays.toString(values()) + ")");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown decision '" + s + "' (one of " + Arrays.toString(values()) + ")");
        }
    }
}
