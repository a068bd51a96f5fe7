package org.smartcustoms.travel;

/** A machine-readable zone that cannot be read: wrong length or characters, bad check digit, bad date. */
public class MrzException extends IllegalArgumentException {
    public MrzException(String message) {
        super(message);
    }
}
