package org.smartcustoms.server.statistics;

import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.ProtectedTable;

/** A protected table as CSV: one column per dimension ({@code *} = total), the figures, suppressed flag and reason. */
final class TableCsv {
    private TableCsv() { }

    static String write(ProtectedTable t) {
        StringBuilder b = new StringBuilder();
        for (Dimension d : t.spec().dimensions()) b.append(d.code()).append(',');
        b.append("value,netMassKg,duty,declarations,suppressed,reason\n");
        for (ProtectedTable.Cell c : t.cells()) {
            for (String k : c.key()) b.append(k.replaceAll("[,\"\\r\\n]", " ")).append(',');
            b.append(c.value() == null ? "" : c.value()).append(',')
                    .append(c.netMassKg() == null ? "" : c.netMassKg()).append(',')
                    .append(c.duty() == null ? "" : c.duty()).append(',')
                    .append(c.declarations() == null ? "" : c.declarations()).append(',')
                    .append(c.suppressed()).append(',')
                    .append(c.reason() == null ? "" : c.reason()).append('\n');
        }
        return b.toString();
    }
}
