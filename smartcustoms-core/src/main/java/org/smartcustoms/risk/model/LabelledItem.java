package org.smartcustoms.risk.model;

import java.util.Objects;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * One training example: a goods item in its declaration with the known inspection outcome. The same shape
 * comes from KCS files and from inspection results stored by the server, so both train the same way.
 */
public record LabelledItem(Declaration declaration, GoodsItem item, BulkRow.Label label) {
    public LabelledItem {
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(label, "label");
        if (declaration.declarationDate() == null) throw new IllegalArgumentException("declaration date is required");
    }

    /** Every item of every accepted, labelled row; rejected or unlabelled rows are skipped. */
    public static java.util.List<LabelledItem> fromRows(Iterable<BulkRow> rows) {
        java.util.List<LabelledItem> out = new java.util.ArrayList<>();
        for (BulkRow r : rows) {
            if (!r.accepted() || r.label() == null || r.declaration().declarationDate() == null) continue;
            for (GoodsItem i : r.declaration().items()) out.add(new LabelledItem(r.declaration(), i, r.label()));
        }
        return out;
    }
}
