package org.smartcustoms.knowledge;

import java.util.Objects;

/**
 * A description with the code it was finally classified under: an accepted declaration item
 * ({@link Source#DECLARATION}) or an officer's reclassification after control ({@link Source#RECLASSIFICATION},
 * which counts more).
 */
public record LearnedExample(String description, String hs6, Source source) {
    public enum Source { DECLARATION, RECLASSIFICATION }

    public LearnedExample {
        Objects.requireNonNull(source, "source");
        if (description == null || description.isBlank()) throw new IllegalArgumentException("description is required");
        if (hs6 == null || !hs6.matches("\\d{6}")) throw new IllegalArgumentException("hs6 must be six digits");
        description = description.strip();
    }
}
