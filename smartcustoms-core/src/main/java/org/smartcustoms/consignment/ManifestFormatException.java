package org.smartcustoms.consignment;

import java.util.List;

/** The manifest as a whole cannot be read (no or wrong CSV header, header not UTF-8): nothing in it is stored. */
public class ManifestFormatException extends RuntimeException {
    private final List<String> errors;

    public ManifestFormatException(List<String> errors) {
        super(errors.isEmpty() ? "the manifest cannot be read" : errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() { return errors; }
}
