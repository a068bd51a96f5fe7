package org.smartcustoms.declaration.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Strings of a declaration must be text that can be stored anywhere: JSON allows {@code "\u0000"} and a lone
 * {@code "\uD800"} escape, but neither is text (PostgreSQL refuses both), so they are refused while reading,
 * as {@code JSON_BAD_VALUE} at the string's path. Other control and bidi characters are the validator's rule
 * {@code TEXT_CHARACTERS}, reported with all other violations.
 */
final class StorableTextDeserializer extends StdScalarDeserializer<String> {
    StorableTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String s = StringDeserializer.instance.deserialize(p, ctxt);
        if (s == null) return null;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == 0) {
                throw JsonMappingException.from(p, "text contains a NUL character (U+0000) at character " + (k + 1) + "; remove it");
            }
            if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                k++;
            } else if (Character.isSurrogate(c)) {
                throw JsonMappingException.from(p, "text contains an unpaired surrogate (U+" + String.format("%04X", (int) c)
                        + ") at character " + (k + 1) + "; it is not a character");
            }
        }
        return s;
    }
}
