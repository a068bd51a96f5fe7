package org.smartcustoms.consignment;

import java.util.List;
import java.util.Objects;

/**
 * One row of a manifest as the parser read it: a valid consignment or a rejection with every reason. {@code row} is
 * the line number in the file where the record starts (a CSV file's header is line 1).
 */
public sealed interface ManifestRow {
    int row();

    /** A row that holds a valid consignment. */
    record Parsed(int row, LowValueConsignment consignment) implements ManifestRow {
        public Parsed {
            if (row < 1) throw new IllegalArgumentException("row must be positive");
            Objects.requireNonNull(consignment, "consignment");
        }
    }

    /** A row that cannot be stored; {@code consignmentId} when it could be read, else null. */
    record Rejected(int row, String consignmentId, List<RowProblem> problems) implements ManifestRow {
        public Rejected {
            if (row < 1) throw new IllegalArgumentException("row must be positive");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("a rejected row needs at least one problem");
        }
    }
}
