package org.smartcustoms.server.declaration;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message to the declarant about one of its declarations, modelled on the WCO DMS notifications
 * ({@link NotificationType}); {@code label} is the type's name in words.
 */
public record Notification(long id, String declarantId, String declarationId, String lrn, NotificationType type,
                           String message, Instant createdAt) {
    @JsonProperty("label")
    public String label() { return type.label(); }
}
