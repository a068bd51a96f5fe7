package org.smartcustoms.declaration.json;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import org.smartcustoms.declaration.DeclarationType;

/**
 * Accepts the declaration type both as the WCO combined string ({@code "IMA"}) and as the record's object form
 * ({@code {"code":"IM","additionalType":"A"}}), so JSON written by hand and JSON written by us both read.
 */
final class DeclarationTypeDeserializer extends StdDeserializer<DeclarationType> {
    private static final Pattern COMBINED = Pattern.compile("[A-Za-z]{2}[A-Za-z0-9]?");

    DeclarationTypeDeserializer() {
        super(DeclarationType.class);
    }

    @Override
    public DeclarationType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            if (!COMBINED.matcher(s).matches()) {
                return (DeclarationType) ctxt.handleWeirdStringValue(DeclarationType.class, s,
                        "expected a declaration type such as \"IM\" or \"IMA\"");
            }
            return DeclarationType.parse(s);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME) {
            String code = null;
            String additional = null;
            if (t == JsonToken.START_OBJECT) t = p.nextToken();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "code" -> code = text(p, ctxt, value);
                    case "additionalType" -> additional = text(p, ctxt, value);
                    default -> ctxt.handleUnknownProperty(p, this, DeclarationType.class, field);
                }
            }
            if (code == null || code.isBlank()) {
                return ctxt.reportInputMismatch(this, "declaration type object needs a non-blank \"code\"");
            }
            return new DeclarationType(code, additional);
        }
        return (DeclarationType) ctxt.handleUnexpectedToken(DeclarationType.class, p);
    }

    @Override
    public java.util.Collection<Object> getKnownPropertyNames() {
        return java.util.List.of("code", "additionalType");
    }

    private String text(JsonParser p, DeserializationContext ctxt, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return null;
        if (value != JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(this, "declaration type field \"%s\" must be a string", p.currentName());
        }
        return p.getText();
    }
}
