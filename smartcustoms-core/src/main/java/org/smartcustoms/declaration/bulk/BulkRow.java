package org.smartcustoms.declaration.bulk;

import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Violation;

/**
 * One row of a bulk file (CSV line or XML file): either the declaration it became or the reasons it was
 * rejected, never both. {@code label} is the known inspection outcome when the file carries one (KCS data,
 * generated demo data), else null.
 */
public record BulkRow(long rowNumber, Declaration declaration, Label label, List<Violation> errors) {
    public BulkRow {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if ((declaration == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a bulk row is either a declaration or a list of errors");
        }
    }

    public boolean accepted() { return declaration != null; }

    public static BulkRow ok(long row, Declaration d, Label label) { return new BulkRow(row, d, label, List.of()); }

    public static BulkRow rejected(long row, List<Violation> errors) { return new BulkRow(row, null, null, errors); }

    /** Known outcome of an inspection: irregular or not, and the KCS critical-fraud grade (0 none, 1, 2). */
    public record Label(boolean fraud, int criticalFraud) {
        public Label {
            if (criticalFraud < 0 || criticalFraud > 2) throw new IllegalArgumentException("criticalFraud must be 0..2");
        }
    }
}
