package org.smartcustoms.risk.features;

import java.util.Objects;
import java.util.Optional;

/**
 * Port through which the risk engine asks what a goods description suggests as its HS subheading (implemented
 * outside the core, e.g. by the server's HS classification assistant). The answer becomes the rule variables
 * {@code suggested_hs6}, {@code classification_confidence} and {@code classification_distance} and, when the
 * suggestion is far from the declared code, a reason for the officer. Called on the scoring path for every item:
 * must be thread-safe and cheap (cached, or empty while the classifier is not ready); a failure is treated as "no
 * opinion".
 */
@FunctionalInterface
public interface ClassificationCheck {
    /** Whether every character is an ASCII digit (on the scoring path: no regular expression). */
    static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** No classifier: never an opinion. */
    ClassificationCheck NONE = (description, declaredHs) -> Optional.empty();

    /** What {@code description} suggests, with the texts of both codes; empty when there is no opinion. */
    Optional<Opinion> opinion(String description, String declaredHs);

    /**
     * The classifier's top suggestion for a description: its six digits, short text and confidence (0-1), and the
     * short text of the declared subheading ("" when unknown).
     */
    record Opinion(String suggestedHs6, String suggestedText, double confidence, String declaredText) {
        public Opinion {
            Objects.requireNonNull(suggestedHs6, "suggestedHs6");
            if (suggestedHs6.length() != 6 || !digitsOnly(suggestedHs6)) throw new IllegalArgumentException("suggestedHs6 must be six digits");
            if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence must be in [0, 1]");
            suggestedText = suggestedText == null ? "" : suggestedText;
            declaredText = declaredText == null ? "" : declaredText;
        }
    }

    /**
     * How far apart two codes are in the HS hierarchy: {@code SAME} (same subheading, or no opinion), other
     * subheading of the same heading, other heading of the same chapter, other chapter. {@link #level()} is the rule
     * variable's value (0-3).
     */
    enum Distance {
        SAME(0), SUBHEADING(1), HEADING(2), CHAPTER(3);

        private final int level;

        Distance(int level) { this.level = level; }

        public int level() { return level; }

        /** Distance between a declared code (any length, digits) and a suggested subheading (six digits). */
        public static Distance between(String declaredHs, String suggestedHs6) {
            String d = declaredHs == null ? "" : digitsOnly(declaredHs) ? declaredHs : declaredHs.replaceAll("\\D", "");
            if (suggestedHs6 == null || d.length() < 6) return SAME;
            if (!d.regionMatches(0, suggestedHs6, 0, 2)) return CHAPTER;
            if (!d.regionMatches(0, suggestedHs6, 0, 4)) return HEADING;
            if (!d.regionMatches(0, suggestedHs6, 0, 6)) return SUBHEADING;
            return SAME;
        }
    }
}
