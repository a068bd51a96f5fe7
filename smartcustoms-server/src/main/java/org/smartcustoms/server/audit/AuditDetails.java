package org.smartcustoms.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The {@code details} of an audit entry: the facts of a decision as a small JSON object, written one way everywhere. */
public final class AuditDetails {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private AuditDetails() { }

    public static String json(Object facts) {
        try {
            return JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details cannot be written", e);
        }
    }
}
