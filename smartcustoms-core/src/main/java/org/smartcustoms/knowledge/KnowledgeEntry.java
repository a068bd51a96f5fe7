package org.smartcustoms.knowledge;

import java.util.Locale;
import java.util.Objects;

/**
 * One question/answer entry of the inquiry knowledge base. {@code audience} says who it is for (e.g. traveller,
 * trader, public), {@code language} is an ISO 639-1 code; {@code version} counts staff edits (1 = as imported).
 */
public record KnowledgeEntry(String id, String topic, String question, String answer, String audience, String language,
                             int version) {
    public static final int MAX_ID = 64;
    public static final int MAX_TEXT = 8_000;

    public KnowledgeEntry {
        Objects.requireNonNull(id, "id");
        id = id.strip();
        if (!id.matches("[A-Za-z0-9._-]{1," + MAX_ID + "}")) throw new IllegalArgumentException("id must be 1-64 letters, digits, '.', '_' or '-'");
        topic = topic == null ? "" : topic.strip();
        if (question == null || question.isBlank()) throw new IllegalArgumentException("question is required");
        if (answer == null || answer.isBlank()) throw new IllegalArgumentException("answer is required");
        question = question.strip();
        answer = answer.strip();
        if (question.length() > MAX_TEXT || answer.length() > MAX_TEXT || topic.length() > 200) {
            throw new IllegalArgumentException("question and answer are limited to " + MAX_TEXT + " characters, topic to 200");
        }
        audience = audience == null || audience.isBlank() ? "public" : audience.strip().toLowerCase(Locale.ROOT);
        language = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
        if (!language.matches("[a-z]{2}")) throw new IllegalArgumentException("language must be a two-letter code");
        if (version < 1) throw new IllegalArgumentException("version must be at least 1");
    }

    public KnowledgeEntry withVersion(int v) {
        return new KnowledgeEntry(id, topic, question, answer, audience, language, v);
    }
}
