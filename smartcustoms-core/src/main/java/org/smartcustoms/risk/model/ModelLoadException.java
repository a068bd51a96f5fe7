package org.smartcustoms.risk.model;

import java.io.IOException;

/**
 * A saved model could not be used: a file is missing or corrupt, or it was built for another feature schema.
 * Distinct from plain I/O failures so the server can refuse a bad promotion and keep the current model.
 */
public class ModelLoadException extends IOException {
    public ModelLoadException(String message) { super(message); }

    public ModelLoadException(String message, Throwable cause) { super(message, cause); }
}
