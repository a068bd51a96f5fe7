package org.smartcustoms.travel;

import java.util.Objects;

/**
 * An analyst's rule over advance passenger data: a boolean CEL expression over the {@link PassengerVariable}s and the
 * reason an officer reads when a traveller is sent to the counter by it.
 */
public record PassengerRule(String id, String name, String expression, String reason, boolean enabled) {
    public PassengerRule {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (expression == null || expression.isBlank()) throw new IllegalArgumentException("expression is required");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required (the officer reads it)");
        name = name.strip();
        expression = expression.strip();
        reason = reason.strip();
        if (name.length() > 100) throw new IllegalArgumentException("name is at most 100 characters");
        if (expression.length() > 2000) throw new IllegalArgumentException("expression is at most 2000 characters");
        if (reason.length() > 300) throw new IllegalArgumentException("reason is at most 300 characters");
    }

    /** The reason as the arrivals board shows it. */
    public String explain() {
        return "Passenger-data rule " + id + " \"" + name + "\": " + reason;
    }
}
