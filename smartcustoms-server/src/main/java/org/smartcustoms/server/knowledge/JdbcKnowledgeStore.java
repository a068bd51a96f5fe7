package org.smartcustoms.server.knowledge;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.knowledge.ChatMessage;
import org.smartcustoms.knowledge.HelpdeskTicket;
import org.smartcustoms.knowledge.KnowledgeEntry;
import org.smartcustoms.knowledge.KnowledgeStore;
import org.smartcustoms.knowledge.StoredEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Knowledge base, conversations and helpdesk tickets in the V15 tables. */
@Repository
class JdbcKnowledgeStore implements KnowledgeStore {
    private final JdbcTemplate jdbc;

    JdbcKnowledgeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<KnowledgeEntry> activeEntries() {
        return jdbc.query("SELECT * FROM kb_entry WHERE active = TRUE ORDER BY id", (rs, n) -> entry(rs).entry());
    }

    @Override
    public List<StoredEntry> entries() {
        return jdbc.query("SELECT * FROM kb_entry ORDER BY id", (rs, n) -> entry(rs));
    }

    @Override
    public Optional<StoredEntry> entry(String id) {
        return jdbc.query("SELECT * FROM kb_entry WHERE id = ?", (rs, n) -> entry(rs), id).stream().findFirst();
    }

    @Override
    public List<StoredEntry> versions(String id) {
        return jdbc.query("""
                SELECT entry_id AS id, version, topic, question, answer, audience, language, active, changed_by AS updated_by,
                  changed_at AS updated_at FROM kb_entry_version WHERE entry_id = ? ORDER BY version DESC""", (rs, n) -> entry(rs), id);
    }

    @Override
    public void saveEntry(KnowledgeEntry e, boolean active, String by, Instant at) {
        Timestamp ts = Timestamp.from(at);
        int updated = jdbc.update("""
                UPDATE kb_entry SET topic = ?, question = ?, answer = ?, audience = ?, language = ?, version = ?, active = ?,
                  updated_by = ?, updated_at = ? WHERE id = ?""",
                e.topic(), e.question(), e.answer(), e.audience(), e.language(), e.version(), active, by, ts, e.id());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO kb_entry (id, topic, question, answer, audience, language, version, active, updated_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    e.id(), e.topic(), e.question(), e.answer(), e.audience(), e.language(), e.version(), active, by, ts);
        }
        jdbc.update("""
                INSERT INTO kb_entry_version (entry_id, version, topic, question, answer, audience, language, active, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.id(), e.version(), e.topic(), e.question(), e.answer(), e.audience(), e.language(), active, by, ts);
    }

    @Override
    public long countEntries() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM kb_entry", Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void createConversation(String id, String username, String partyId, Instant at) {
        jdbc.update("INSERT INTO assistant_conversation (id, username, party_id, started_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, username, partyId, Timestamp.from(at), Timestamp.from(at));
    }

    @Override
    public Optional<Conversation> conversation(String id) {
        return jdbc.query("SELECT * FROM assistant_conversation WHERE id = ?", (rs, n) -> new Conversation(rs.getString("id"),
                rs.getString("username"), rs.getString("party_id"), rs.getTimestamp("started_at").toInstant()), id).stream().findFirst();
    }

    @Override
    public long addMessage(ChatMessage m) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO assistant_message (conversation_id, author, kind, text, entry_id, entry_version, confidence, staff,
                      feedback, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
            ps.setString(1, m.conversationId());
            ps.setString(2, m.author().name());
            ps.setString(3, m.kind().name());
            ps.setString(4, m.text());
            ps.setString(5, m.entryId());
            if (m.entryVersion() == null) ps.setNull(6, Types.INTEGER); else ps.setInt(6, m.entryVersion());
            ps.setBigDecimal(7, m.confidence() == null ? null : BigDecimal.valueOf(m.confidence()));
            ps.setString(8, m.staff());
            ps.setString(9, m.feedback() == null ? null : m.feedback().name());
            ps.setTimestamp(10, Timestamp.from(m.at()));
            return ps;
        }, keys);
        jdbc.update("UPDATE assistant_conversation SET updated_at = ? WHERE id = ?", Timestamp.from(m.at()), m.conversationId());
        return keys.getKey().longValue();
    }

    @Override
    public List<ChatMessage> messages(String conversationId) {
        return jdbc.query("SELECT * FROM assistant_message WHERE conversation_id = ? ORDER BY id", (rs, n) -> {
            BigDecimal conf = rs.getBigDecimal("confidence");
            int version = rs.getInt("entry_version");
            Integer v = rs.wasNull() ? null : version;
            String fb = rs.getString("feedback");
            return new ChatMessage(rs.getLong("id"), rs.getString("conversation_id"), ChatMessage.Author.valueOf(rs.getString("author")),
                    ChatMessage.Kind.valueOf(rs.getString("kind")), rs.getString("text"), rs.getString("entry_id"), v,
                    conf == null ? null : conf.doubleValue(), rs.getString("staff"),
                    fb == null ? null : ChatMessage.Feedback.valueOf(fb), rs.getTimestamp("created_at").toInstant());
        }, conversationId);
    }

    @Override
    public boolean setFeedback(String conversationId, long messageId, ChatMessage.Feedback feedback) {
        return jdbc.update("UPDATE assistant_message SET feedback = ? WHERE id = ? AND conversation_id = ? AND author <> 'USER'",
                feedback.name(), messageId, conversationId) == 1;
    }

    @Override
    public long openTicket(String conversationId, long messageId, String question, String normalized, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO helpdesk_ticket (conversation_id, message_id, question, normalized, status, created_at)
                    VALUES (?, ?, ?, ?, 'OPEN', ?)""", new String[] {"id"});
            ps.setString(1, conversationId);
            ps.setLong(2, messageId);
            ps.setString(3, question);
            ps.setString(4, normalized);
            ps.setTimestamp(5, Timestamp.from(at));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    @Override
    public List<HelpdeskTicket> tickets(HelpdeskTicket.Status status, int limit) {
        if (status == null) {
            return jdbc.query("SELECT * FROM helpdesk_ticket ORDER BY id DESC LIMIT ?", (rs, n) -> ticket(rs), limit);
        }
        String order = status == HelpdeskTicket.Status.OPEN ? "id" : "id DESC";
        return jdbc.query("SELECT * FROM helpdesk_ticket WHERE status = ? ORDER BY " + order + " LIMIT ?", (rs, n) -> ticket(rs),
                status.name(), limit);
    }

    @Override
    public Optional<HelpdeskTicket> ticket(long id) {
        return jdbc.query("SELECT * FROM helpdesk_ticket WHERE id = ?", (rs, n) -> ticket(rs), id).stream().findFirst();
    }

    @Override
    public boolean closeTicket(long id, String staff, Instant at) {
        return jdbc.update("UPDATE helpdesk_ticket SET status = 'ANSWERED', answered_by = ?, answered_at = ? WHERE id = ? AND status = 'OPEN'",
                staff, Timestamp.from(at), id) == 1;
    }

    @Override
    public List<QuestionCount> frequentHandoffs(int limit) {
        return jdbc.query("""
                SELECT normalized, MIN(question) AS question, COUNT(*) AS n, MAX(created_at) AS last FROM helpdesk_ticket
                GROUP BY normalized ORDER BY n DESC, last DESC LIMIT ?""",
                (rs, n) -> new QuestionCount(rs.getString("question"), rs.getLong("n"), rs.getTimestamp("last").toInstant()), limit);
    }

    @Override
    public List<EntryFeedback> feedbackByEntry(int limit) {
        return jdbc.query("""
                SELECT entry_id, SUM(CASE WHEN feedback = 'HELPFUL' THEN 1 ELSE 0 END) AS helpful,
                  SUM(CASE WHEN feedback = 'NOT_HELPFUL' THEN 1 ELSE 0 END) AS not_helpful
                FROM assistant_message WHERE entry_id IS NOT NULL AND feedback IS NOT NULL
                GROUP BY entry_id ORDER BY not_helpful DESC, helpful ASC, entry_id LIMIT ?""",
                (rs, n) -> new EntryFeedback(rs.getString("entry_id"), rs.getLong("helpful"), rs.getLong("not_helpful")), limit);
    }

    private static StoredEntry entry(ResultSet rs) throws SQLException {
        return new StoredEntry(new KnowledgeEntry(rs.getString("id"), rs.getString("topic"), rs.getString("question"),
                rs.getString("answer"), rs.getString("audience"), rs.getString("language"), rs.getInt("version")),
                rs.getBoolean("active"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }

    private static HelpdeskTicket ticket(ResultSet rs) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new HelpdeskTicket(rs.getLong("id"), rs.getString("conversation_id"), rs.getLong("message_id"), rs.getString("question"),
                HelpdeskTicket.Status.valueOf(rs.getString("status")), rs.getString("answered_by"),
                answered == null ? null : answered.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
