package org.smartcustoms.knowledge;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of an assistant conversation. {@code entryId}/{@code entryVersion}/{@code confidence} are set on
 * answers from the knowledge base; {@code staff} on helpdesk replies; {@code feedback} once the user rated an answer.
 */
public record ChatMessage(long id, String conversationId, Author author, Kind kind, String text, String entryId,
                          Integer entryVersion, Double confidence, String staff, Feedback feedback, Instant at) {
    public enum Author { USER, ASSISTANT, STAFF }

    /** QUESTION from the user; ANSWER from the knowledge base; HANDOFF to a colleague; STATUS of the user's own data; REPLY from staff. */
    public enum Kind { QUESTION, ANSWER, HANDOFF, STATUS, REPLY }

    public enum Feedback { HELPFUL, NOT_HELPFUL }

    public ChatMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
