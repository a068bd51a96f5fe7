package org.smartcustoms.tariff;

/**
 * An item lacks a data element the calculation needs (commodity code, value) because its declaration category
 * allows it to come later (simplified, pre-lodged or deferred declarations). The assessment of that item is
 * incomplete for this reason; it is not an error in the declaration.
 */
public class MissingItemDataException extends RuntimeException {
    public MissingItemDataException(String message) {
        super(message);
    }
}
