package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON columns of a stored declaration (risk decision, tariff assessment) leniently: unreadable means absent. */
final class StoredJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() { }

    /** An amount with its currency. */
    record Money(BigDecimal amount, String currency) { }

    /** {@code {"amount": ..., "currency": ...}} as money; null when absent or malformed. */
    static Money money(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject() || !n.hasNonNull("amount") || !n.hasNonNull("currency")) return null;
        JsonNode a = n.get("amount");
        try {
            return new Money(a.isNumber() ? a.decimalValue() : new BigDecimal(a.asText()), n.get("currency").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The parsed JSON, or null when blank or not JSON. */
    static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}
