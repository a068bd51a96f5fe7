package org.smartcustoms.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port of the inquiry assistant: knowledge base with versions, conversations, hand-off tickets. */
public interface KnowledgeStore {
    /** Entries in use, by id. */
    List<KnowledgeEntry> activeEntries();

    /** All entries (also retired ones), by id. */
    List<StoredEntry> entries();

    Optional<StoredEntry> entry(String id);

    /** Every version of an entry, newest first. */
    List<StoredEntry> versions(String id);

    /** Writes an entry with the version it carries and keeps that version in the history. */
    void saveEntry(KnowledgeEntry entry, boolean active, String by, Instant at);

    long countEntries();

    /** A conversation's owner (null username for an anonymous visitor). */
    record Conversation(String id, String username, String partyId, Instant startedAt) { }

    void createConversation(String id, String username, String partyId, Instant at);

    Optional<Conversation> conversation(String id);

    /** Stores a message and returns its id. */
    long addMessage(ChatMessage message);

    List<ChatMessage> messages(String conversationId);

    /** Sets the feedback of an assistant message of the conversation; false when there is no such message. */
    boolean setFeedback(String conversationId, long messageId, ChatMessage.Feedback feedback);

    long openTicket(String conversationId, long messageId, String question, String normalized, Instant at);

    /** Tickets with the status (null = all), oldest open first. */
    List<HelpdeskTicket> tickets(HelpdeskTicket.Status status, int limit);

    Optional<HelpdeskTicket> ticket(long id);

    /** OPEN → ANSWERED; false when the ticket was answered already (or does not exist). */
    boolean closeTicket(long id, String staff, Instant at);

    /** A question as typed most often, with how many times its normalised form was handed off. */
    record QuestionCount(String question, long count, Instant last) { }

    /** Handed-off questions grouped by normalised text, most frequent first. */
    List<QuestionCount> frequentHandoffs(int limit);

    /** How users rated the answers of one entry. */
    record EntryFeedback(String entryId, long helpful, long notHelpful) { }

    /** Rated entries, the most "not helpful" first. */
    List<EntryFeedback> feedbackByEntry(int limit);
}
