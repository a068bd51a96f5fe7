package org.smartcustoms.travel;

import java.util.List;

/** A passenger list that cannot be read: every problem, with its segment or line number. Nothing of it is used. */
public class PaxlstFormatException extends IllegalArgumentException {
    private final List<String> errors;

    public PaxlstFormatException(List<String> errors) {
        super(errors.size() + " problem(s): " + String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
