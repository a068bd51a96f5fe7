package org.smartcustoms.server.declaration;

import java.util.List;
import java.util.Objects;

import org.smartcustoms.declaration.Violation;

/**
 * What became of one row of a bulk submission: accepted (stored now and committed), duplicate (the declarant
 * already used this LRN; {@code id} is the stored declaration) or rejected (not stored, with every reason).
 */
public record RowResult(long row, Outcome outcome, String id, List<Violation> violations) {
    public enum Outcome { ACCEPTED, DUPLICATE, REJECTED }

    public RowResult {
        Objects.requireNonNull(outcome, "outcome");
        violations = violations == null ? List.of() : List.copyOf(violations);
        if ((outcome == Outcome.REJECTED) != (id == null)) throw new IllegalArgumentException("a rejected row has no id, any other has one");
        if (outcome == Outcome.REJECTED && violations.isEmpty()) throw new IllegalArgumentException("a rejected row needs its reasons");
    }

    static RowResult accepted(long row, String id) { return new RowResult(row, Outcome.ACCEPTED, id, List.of()); }

    static RowResult duplicate(long row, String id) { return new RowResult(row, Outcome.DUPLICATE, id, List.of()); }

    public static RowResult rejected(long row, List<Violation> violations) { return new RowResult(row, Outcome.REJECTED, null, violations); }
}
