package org.smartcustoms.server.risk;

/** No registered model with that version (404). */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(String version) {
        super("No registered model " + version);
    }
}
