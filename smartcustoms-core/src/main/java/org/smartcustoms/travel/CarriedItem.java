package org.smartcustoms.travel;

import java.util.Objects;

/** One line of goods carried: kind, quantity (bottles, cigarettes, ounces, pieces) and value in the national currency. */
public record CarriedItem(ItemKind kind, int quantity, long value, String description) {
    public CarriedItem {
        Objects.requireNonNull(kind, "item kind is required");
        if (quantity < 0 || quantity > 100_000) throw new IllegalArgumentException("quantity must be between 0 and 100000");
        if (value < 0 || value > 10_000_000_000L) throw new IllegalArgumentException("value must be between 0 and 10000000000");
        description = description == null ? "" : description.strip();
        if (description.length() > 200) throw new IllegalArgumentException("description is at most 200 characters");
    }
}
