package org.smartcustoms.server.declaration;

import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.FieldError;
import org.smartcustoms.declaration.Violation;

/** Summary of a bulk submission: counts plus each rejected row with its reasons. */
public record BatchResult(int accepted, int duplicates, int rejected, List<String> ids, List<RejectedRow> rejections) {

    /** A row that was not stored, with every reason. */
    public record RejectedRow(long row, List<FieldError> errors) { }

    static final class Builder {
        private int accepted, duplicates;
        private final List<String> ids = new ArrayList<>();
        private final List<RejectedRow> rejected = new ArrayList<>();

        synchronized void accepted(long row, String id, boolean created) {
            if (created) accepted++; else duplicates++;
            if (ids.size() < 10_000) ids.add(id);
        }

        synchronized void rejected(long row, List<Violation> errors) {
            rejected.add(new RejectedRow(row, org.smartcustoms.server.web.Problems.fieldErrors(errors)));
        }

        void add(RowResult r) {
            switch (r.outcome()) {
                case ACCEPTED -> accepted(r.row(), r.id(), true);
                case DUPLICATE -> accepted(r.row(), r.id(), false);
                case REJECTED -> rejected(r.row(), r.violations());
            }
        }

        BatchResult build() {
            rejected.sort(java.util.Comparator.comparingLong(RejectedRow::row));
            return new BatchResult(accepted, duplicates, rejected.size(), List.copyOf(ids), List.copyOf(rejected));
        }
    }
}
