package org.smartcustoms.server.risk;

/** A model change that the registry's state does not allow (promote the model in production, roll back with no earlier one): 409. */
public class ModelStateException extends RuntimeException {
    public ModelStateException(String message) {
        super(message);
    }
}
