package org.smartcustoms.knowledge;

import java.time.Instant;
import java.util.Objects;

/** A question the assistant handed off: OPEN until a helpdesk user answers it in the same conversation. */
public record HelpdeskTicket(long id, String conversationId, long messageId, String question, Status status,
                             String answeredBy, Instant answeredAt, Instant createdAt) {
    public enum Status { OPEN, ANSWERED }

    public HelpdeskTicket {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
