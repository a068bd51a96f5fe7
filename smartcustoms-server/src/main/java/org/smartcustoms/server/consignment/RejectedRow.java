package org.smartcustoms.server.consignment;

import java.util.List;

import org.smartcustoms.consignment.RowProblem;

/** A manifest row that was not stored, with every reason (the row number is the file's line number). */
public record RejectedRow(int row, String consignmentId, List<RowProblem> problems) {
    public RejectedRow {
        problems = List.copyOf(problems);
    }
}
