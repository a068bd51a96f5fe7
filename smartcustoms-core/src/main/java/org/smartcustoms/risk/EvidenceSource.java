package org.smartcustoms.risk;

import java.util.List;
import java.util.Objects;
import org.smartcustoms.declaration.Declaration;

/**
 * A further source of evidence the {@link RiskEngine} consults for every declaration, besides its watch lists,
 * rules and model (e.g. the enforcement database: parties linked to past seizures). Each piece of evidence weighs
 * like a rule hit (noisy-OR with {@code weight} out of 100) and becomes a {@link Reason} of {@link #reasonSource()}.
 * Called on the scoring path: must be thread-safe and cheap (an in-memory look-up, no I/O).
 */
public interface EvidenceSource {
    /** The evidence found for {@code d}; an empty list when none. */
    List<Evidence> evidence(Declaration d);

    /** The source shown on the reasons. */
    default Reason.Source reasonSource() { return Reason.Source.ENFORCEMENT; }

    /** One piece of evidence: a sentence for the officer, a weight in 0..100 and the threat it indicates. */
    record Evidence(String text, double weight, Threat threat) {
        public Evidence {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(threat, "threat");
            if (!(weight >= 0 && weight <= 100)) throw new IllegalArgumentException("weight must be in 0..100: " + weight);
        }
    }
}
