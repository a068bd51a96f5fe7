package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.smartcustoms.declaration.json.DeclarationJson;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Cluster messages as bytes on Kafka, and back: JSON written by the declaration JSON form's mapper, so a queued
 * declaration is exactly the document a client submits. Only this class sees the bytes.
 */
final class ClusterCodec {
    private final ObjectMapper mapper = new DeclarationJson().mapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] write(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message, or an {@link UnreadableMessageException} for bytes that are not one. */
    <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMessageException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The same, for a generic type (a list of violations). */
    <T> T read(byte[] bytes, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMessageException(type.getType().getTypeName() + ": " + e.getMessage(), e);
        }
    }

    static final class UnreadableMessageException extends RuntimeException {
        UnreadableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
