package org.smartcustoms.declaration.json;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;

/**
 * Jackson's BigDecimal reading, refusing absurd magnitudes such as {@code 1e999999999}: short in JSON, but a
 * billion digits once anyone prints it plainly or adds it to another amount.
 */
final class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {
    /** Digits allowed before and after the decimal point; far beyond any mass, quantity or amount. */
    static final int MAX_DIGITS = 30;

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        BigDecimal v = super.deserialize(p, ctxt);
        if (v != null && (v.scale() > MAX_DIGITS || v.precision() - v.scale() > MAX_DIGITS)) {
            return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, v,
                    "out of range (at most " + MAX_DIGITS + " digits before and after the decimal point)");
        }
        return v;
    }
}
