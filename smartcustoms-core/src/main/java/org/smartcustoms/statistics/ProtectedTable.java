package org.smartcustoms.statistics;

import java.util.List;
import java.util.Map;

/**
 * A table fit for publication: every cell of the {@link TradeTable} with its figures, or with null figures when
 * suppressed (reason {@code threshold}, {@code dominance}, {@code p-percent}, {@code confidential} or
 * {@code secondary}); suppressed figures are written as JSON null. Published cells, margins included, are the exact sums over the underlying data.
 */
public record ProtectedTable(TableSpec spec, List<Cell> cells, Loss loss) {
    public ProtectedTable {
        cells = List.copyOf(cells);
    }

    /** One cell: {@code key} holds one node per dimension ({@value Dimension#TOTAL} = total over it). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record Cell(List<String> key, Map<String, String> dimensions, Long value, Double netMassKg, Long duty,
                       Integer declarations, boolean suppressed, String reason) {
        public Cell {
            key = List.copyOf(key);
            if (suppressed && (value != null || netMassKg != null || duty != null || declarations != null)) {
                throw new IllegalArgumentException("a suppressed cell has no figures");
            }
        }
    }

    /**
     * Information loss as τ-ARGUS reports it: cells and value suppressed, primary and secondary, and the share of
     * the table's value hidden in interior cells; {@code subTables} 1-dimensional sub-tables protected (HiTaS-style pass),
     * {@code exactAudit} whether the global LP audit loop ran (tables up to {@link Suppressor#exactAuditCells()} cells).
     */
    public record Loss(int cells, int primary, int secondary, long valueSuppressed, long tableValue, double valueShareSuppressed,
                       int lpIterations, long millis, int subTables, boolean exactAudit) { }
}
