package org.smartcustoms.declaration;

import java.math.BigDecimal;
import java.util.Objects;

/** A quantity in a UN/ECE Recommendation 20 unit (KGM, NAR, LTR, ...). */
public record Quantity(BigDecimal value, String unit) {
    public Quantity {
        Objects.requireNonNull(value, "value");
        unit = unit == null ? null : unit.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
