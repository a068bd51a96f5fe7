package org.smartcustoms.server.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.consignment.ConsignmentStatus;
import org.smartcustoms.knowledge.ChatMessage;
import org.smartcustoms.knowledge.HelpdeskTicket;
import org.smartcustoms.knowledge.InquiryRetriever;
import org.smartcustoms.knowledge.KnowledgeBaseImport;
import org.smartcustoms.knowledge.KnowledgeEntry;
import org.smartcustoms.knowledge.KnowledgeStore;
import org.smartcustoms.knowledge.MiniLmEmbedder;
import org.smartcustoms.knowledge.StoredEntry;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.consignment.ConsignmentStore;
import org.smartcustoms.server.consignment.ConsignmentView;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.UserAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 24/7 inquiry assistant: answers from the knowledge base when retrieval is confident, otherwise says so and
 * opens a helpdesk ticket whose reply lands in the same conversation. Signed-in traders asking about a declaration
 * reference get its status if, and only if, they are its declarant; asking about a parcel (low-value consignment),
 * the status of the consignments their party submitted, never another party's. Questions are only ever used for retrieval:
 * nothing in them is executed or rendered, so instructions inside a question change nothing.
 */
@Service
public class InquiryAssistant {
    public static final int MAX_QUESTION = 1_000;
    public static final int MAX_REPLY = 4_000;
    static final String HANDOFF_TEXT = "I don't know — passing you to a colleague. A member of the customs helpdesk will reply here, in this conversation.";
    private static final Logger log = LoggerFactory.getLogger(InquiryAssistant.class);
    private static final Pattern REFERENCE = Pattern.compile("\\b(?=[A-Za-z0-9./_-]*\\d)[A-Za-z0-9][A-Za-z0-9./_-]{5,34}\\b");
    /** A question about a declaration. */
    private static final Pattern ABOUT_DECLARATION = Pattern.compile("(?i)\\b(declarations?|mrn|lrn)\\b");
    /** A question about a parcel of a low-value manifest. */
    private static final Pattern ABOUT_PARCEL = Pattern.compile("(?i)\\b(parcels?|packages?|consignments?|shipments?|deliver(y|ies)|tracking|hawb|waybill)\\b");
    /** Without a reference, a parcel question asks for the trader's held parcels only with one of these words. */
    private static final Pattern PARCEL_STATUS_WORDS = Pattern.compile("(?i)\\b(held|hold|stuck|stopped|detained|blocked|where|status|delayed|waiting)\\b");
    /** Most held consignments listed in one answer. */
    static final int MAX_LISTED = 5;

    private final KnowledgeStore store;
    private final DeclarationStore declarations;
    private final ConsignmentStore consignments;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean seed;
    private final AtomicReference<InquiryRetriever> retriever = new AtomicReference<>();

    InquiryAssistant(KnowledgeStore store, DeclarationStore declarations, ConsignmentStore consignments, AuditTrail audit,
                     Clock clock, @Value("${smartcustoms.knowledge.seed-kb:true}") boolean seed) {
        this.store = store;
        this.declarations = declarations;
        this.consignments = consignments;
        this.audit = audit;
        this.clock = clock;
        this.seed = seed;
    }

    /** The assistant's answer to one question. */
    public record Reply(String conversationId, long messageId, String kind, String answer, Source source, Double confidence,
                        Long ticketId) { }

    /** The knowledge-base entry an answer came from. */
    public record Source(String id, int version, String topic, String question) { }

    /** A served instance seeds an empty knowledge base; CLI commands on the same database (audit verify...) do not. */
    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof org.springframework.boot.web.context.WebServerApplicationContext)) return;
        if (seed && store.countEntries() == 0) {
            try (InputStream in = InquiryAssistant.class.getResourceAsStream("demo-kb.md")) {
                if (in != null) importEntries(KnowledgeBaseImport.markdown(new InputStreamReader(in, StandardCharsets.UTF_8)), "system");
            } catch (IOException e) {
                log.warn("Demo knowledge base not loaded: {}", e.getMessage());
            }
        }
    }

    /** Drops the retriever after an edit or import; the next question rebuilds it from the active entries. */
    public synchronized void invalidate() {
        retriever.set(null);
    }

    /** The retriever over the active entries, built on first use after a change (the embedding model loads then). */
    private InquiryRetriever retriever() {
        InquiryRetriever r = retriever.get();
        if (r != null) return r;
        synchronized (this) {
            r = retriever.get();
            if (r == null) {
                r = InquiryRetriever.build(store.activeEntries(), MiniLmEmbedder.shared());
                retriever.set(r);
            }
            return r;
        }
    }

    /** Cleans a question: control characters out, length and content checked (400 otherwise). */
    static String cleanQuestion(String question) {
        if (question == null || question.isBlank()) throw new IllegalArgumentException("question is required");
        if (question.length() > MAX_QUESTION) throw new IllegalArgumentException("question must be at most " + MAX_QUESTION + " characters");
        String q = question.replaceAll("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]", " ").replace('\uFFFD', ' ').strip();
        long letters = q.codePoints().filter(Character::isLetterOrDigit).count();
        if (letters < 2) throw new IllegalArgumentException("question must contain words");
        return q;
    }

    @Transactional
    public Reply ask(String question, String conversationId, UserAccount user) {
        String q = cleanQuestion(question);
        String conv = conversation(conversationId, user);
        Instant now = clock.instant();
        store.addMessage(new ChatMessage(0, conv, ChatMessage.Author.USER, ChatMessage.Kind.QUESTION, q, null, null, null, null, null, now));

        Optional<String> status = declarationStatus(q, user).or(() -> parcelStatus(q, user));
        if (status.isPresent()) {
            long id = store.addMessage(new ChatMessage(0, conv, ChatMessage.Author.ASSISTANT, ChatMessage.Kind.STATUS, status.get(),
                    null, null, null, null, null, now));
            return new Reply(conv, id, "STATUS", status.get(), null, null, null);
        }
        InquiryRetriever.Result r = retriever().ask(q, null);
        if (r.answered()) {
            KnowledgeEntry e = r.best().entry();
            long id = store.addMessage(new ChatMessage(0, conv, ChatMessage.Author.ASSISTANT, ChatMessage.Kind.ANSWER, e.answer(),
                    e.id(), e.version(), r.best().confidence(), null, null, now));
            return new Reply(conv, id, "ANSWER", e.answer(), new Source(e.id(), e.version(), e.topic(), e.question()),
                    r.best().confidence(), null);
        }
        long id = store.addMessage(new ChatMessage(0, conv, ChatMessage.Author.ASSISTANT, ChatMessage.Kind.HANDOFF, HANDOFF_TEXT,
                null, null, r.best() == null ? null : r.best().confidence(), null, null, now));
        long ticket = store.openTicket(conv, id, q, normalize(q), now);
        return new Reply(conv, id, "HANDOFF", HANDOFF_TEXT, null, r.best() == null ? null : r.best().confidence(), ticket);
    }

    /** The messages of a conversation the caller may see (its owner, or anyone holding an anonymous conversation's id). */
    public List<ChatMessage> messages(String conversationId, UserAccount user) {
        visibleConversation(conversationId, user);
        return store.messages(conversationId);
    }

    @Transactional
    public void feedback(String conversationId, long messageId, ChatMessage.Feedback feedback, UserAccount user) {
        visibleConversation(conversationId, user);
        if (!store.setFeedback(conversationId, messageId, feedback)) throw new KnowledgeExceptions.NotFound("no answer " + messageId + " in this conversation");
    }

    /** A helpdesk user answers a ticket: the reply is added to the conversation and the ticket closed (409 if answered already). */
    @Transactional
    public ChatMessage reply(long ticketId, String text, String staff) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("answer is required");
        String t = text.strip();
        if (t.length() > MAX_REPLY) throw new IllegalArgumentException("answer must be at most " + MAX_REPLY + " characters");
        HelpdeskTicket ticket = store.ticket(ticketId).orElseThrow(() -> new KnowledgeExceptions.NotFound("no ticket " + ticketId));
        Instant now = clock.instant();
        if (!store.closeTicket(ticketId, staff, now)) throw new KnowledgeExceptions.Conflict("ticket " + ticketId + " was answered already");
        ChatMessage m = new ChatMessage(0, ticket.conversationId(), ChatMessage.Author.STAFF, ChatMessage.Kind.REPLY, t, null, null,
                null, staff, null, now);
        long id = store.addMessage(m);
        audit.record(staff, AuditAction.HELPDESK_REPLIED, AuditSubject.HELPDESK_TICKET, Long.toString(ticketId), null,
                AuditDetails.json(Map.of("conversation", ticket.conversationId(), "message", id)));
        return new ChatMessage(id, m.conversationId(), m.author(), m.kind(), m.text(), null, null, null, staff, null, now);
    }

    /** Creates or changes an entry (version + 1); the retriever is rebuilt for the next question. */
    @Transactional
    public StoredEntry saveEntry(KnowledgeEntry entry, boolean active, Integer expectedVersion, String by) {
        Optional<StoredEntry> current = store.entry(entry.id());
        if (expectedVersion != null && current.isPresent() && current.get().entry().version() != expectedVersion) {
            throw new KnowledgeExceptions.Conflict("entry " + entry.id() + " is at version " + current.get().entry().version()
                    + ", not " + expectedVersion + "; reload it and edit again");
        }
        int version = current.map(s -> s.entry().version() + 1).orElse(1);
        KnowledgeEntry v = entry.withVersion(version);
        Instant now = clock.instant();
        store.saveEntry(v, active, by, now);
        audit.record(by, AuditAction.KB_ENTRY_CHANGED, AuditSubject.KB_ENTRY, v.id(), null,
                AuditDetails.json(Map.of("version", version, "active", active)));
        afterCommitInvalidate();
        return new StoredEntry(v, active, by, now);
    }

    /** Imports entries (new ids created, existing ids get a new version); returns how many were written. */
    @Transactional
    public int importEntries(List<KnowledgeEntry> entries, String by) {
        for (KnowledgeEntry e : entries) {
            int version = store.entry(e.id()).map(s -> s.entry().version() + 1).orElse(1);
            store.saveEntry(e.withVersion(version), true, by, clock.instant());
        }
        audit.record(by, AuditAction.KB_ENTRY_CHANGED, AuditSubject.KB_ENTRY, "import", null,
                AuditDetails.json(Map.of("entries", entries.size())));
        afterCommitInvalidate();
        return entries.size();
    }

    public List<KnowledgeEntry> parse(String content, boolean markdown) {
        try {
            return markdown ? KnowledgeBaseImport.markdown(new StringReader(content)) : KnowledgeBaseImport.csv(new StringReader(content));
        } catch (IOException e) {
            throw new IllegalArgumentException("the file could not be read: " + e.getMessage());
        }
    }

    public KnowledgeStore store() { return store; }

    private void afterCommitInvalidate() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() { invalidate(); }
                    });
        } else {
            invalidate();
        }
    }

    private String conversation(String requested, UserAccount user) {
        if (requested != null && !requested.isBlank()) {
            Optional<KnowledgeStore.Conversation> c = parseId(requested).flatMap(store::conversation);
            if (c.isPresent() && mayUse(c.get(), user)) return c.get().id();
        }
        String id = UUID.randomUUID().toString();
        store.createConversation(id, user == null ? null : user.username(), user == null ? null : user.partyId(), clock.instant());
        return id;
    }

    private void visibleConversation(String id, UserAccount user) {
        KnowledgeStore.Conversation c = parseId(id).flatMap(store::conversation)
                .filter(x -> mayUse(x, user)).orElseThrow(() -> new KnowledgeExceptions.NotFound("no conversation " + sanitizeId(id)));
        if (c == null) throw new KnowledgeExceptions.NotFound("no conversation");
    }

    private static boolean mayUse(KnowledgeStore.Conversation c, UserAccount user) {
        return c.username() == null || (user != null && c.username().equals(user.username()));
    }

    private static Optional<String> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id.strip()).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String sanitizeId(String id) {
        return id == null ? "" : id.replaceAll("[^A-Za-z0-9-]", "").substring(0, Math.min(36, id.replaceAll("[^A-Za-z0-9-]", "").length()));
    }

    /**
     * A signed-in trader naming a declaration reference: the status of that declaration if the trader is its
     * declarant; otherwise the same "not among yours" sentence whether it exists or not. Anonymous visitors are
     * asked to sign in; no data is looked up for them.
     */
    private Optional<String> declarationStatus(String q, UserAccount user) {
        if (!ABOUT_DECLARATION.matcher(q).find()) return Optional.empty();
        Set<String> refs = references(q);
        if (refs.isEmpty()) return Optional.empty();
        if (user == null || !user.isTrader()) {
            if (user == null) return Optional.of("To see the status of a declaration, sign in to the trader portal as its declarant and ask me again there.");
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (String ref : refs.stream().limit(3).toList()) {
            Optional<StoredDeclaration> d = declarations.find(ref)
                    .or(() -> declarations.findIdByLrn(user.partyId(), ref).flatMap(declarations::find))
                    .filter(x -> user.partyId().equals(x.declaration().declarantId()));
            lines.add(d.map(InquiryAssistant::describe)
                    .orElse("I found no declaration " + ref + " among yours. Check the reference (LRN or declaration id)."));
        }
        return Optional.of(String.join("\n", lines));
    }

    /**
     * A signed-in trader asking about a parcel (low-value consignment): with a reference (consignment id or tracking
     * number), the status of that consignment if, and only if, the trader's party submitted it, otherwise the same
     * "not among yours" sentence whether it exists or not; without one ("why is my parcel held?"), the trader's own
     * consignments held at the moment. Anonymous visitors naming a reference are asked to sign in; nothing is looked
     * up for them, and a question without a reference goes to the knowledge base.
     */
    private Optional<String> parcelStatus(String q, UserAccount user) {
        if (!ABOUT_PARCEL.matcher(q).find()) return Optional.empty();
        Set<String> refs = references(q);
        if (user == null) {
            return refs.isEmpty() ? Optional.empty()
                    : Optional.of("To see the status of a parcel, sign in to the trader portal as the party that declared it and ask me again there.");
        }
        if (!user.isTrader() || user.partyId() == null) return Optional.empty();
        if (refs.isEmpty()) {
            if (!PARCEL_STATUS_WORDS.matcher(q).find()) return Optional.empty();
            List<ConsignmentView> held = consignments.recentConsignmentsOf(user.partyId(), ConsignmentStatus.HELD, MAX_LISTED + 1);
            if (held.isEmpty()) {
                return Optional.of("None of your consignments is held by customs at the moment. Ask me about one by its consignment id or tracking number for its status.");
            }
            List<String> lines = new ArrayList<>();
            lines.add(held.size() > MAX_LISTED ? "More than " + MAX_LISTED + " of your consignments are held for customs control; the latest:"
                    : held.size() == 1 ? "One of your consignments is held for customs control:"
                    : held.size() + " of your consignments are held for customs control:");
            for (ConsignmentView c : held.subList(0, Math.min(MAX_LISTED, held.size()))) lines.add("- " + describe(c));
            lines.add("Held parcels are checked by customs before release; do not deliver them until customs notifies the outcome. "
                    + "If customs asks you for documents (invoice, proof of payment), send them to speed up the check.");
            return Optional.of(String.join("\n", lines));
        }
        List<String> lines = new ArrayList<>();
        for (String ref : refs.stream().limit(3).toList()) {
            lines.add(consignments.consignmentOf(user.partyId(), ref).map(InquiryAssistant::describe)
                    .orElse("I found no consignment " + ref + " among yours. Check the reference (consignment id or tracking number)."));
        }
        return Optional.of(String.join("\n", lines));
    }

    private static String describe(ConsignmentView c) {
        String what = c.status() == ConsignmentStatus.HELD ? "held for customs control" : "released";
        return "Consignment " + c.consignmentId() + " (tracking " + c.houseDocument() + ") is " + what + " since "
                + c.decidedAt().toString().substring(0, 16).replace('T', ' ') + " UTC. " + c.notice();
    }

    /** Letter-and-digit references named in a question (at most a few are looked up). */
    private static Set<String> references(String q) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(q);
        while (m.find()) {
            String r = m.group();
            if (r.chars().filter(Character::isLetter).count() >= 1 && r.chars().filter(Character::isDigit).count() >= 3) refs.add(r);
        }
        return refs;
    }

    private static String describe(StoredDeclaration d) {
        String next = switch (d.status()) {
            case SUBMITTED, ACCEPTED, RISK_ASSESSED -> "It is being processed; you will be notified of the decision.";
            case UNDER_CONTROL -> "It is under customs control: an officer may ask you for documents or inspect the goods.";
            case RELEASED -> "The goods are released; corrections are still possible as a post-clearance amendment.";
            case CLEARED -> "The declaration is closed.";
            case REJECTED -> "It was rejected; see the notification for what to correct and submit a new declaration.";
            case CANCELLED -> "It was cancelled.";
        };
        return "Declaration " + d.declaration().lrn() + " (" + d.id() + ") is " + d.status().name().replace('_', ' ').toLowerCase(Locale.ROOT)
                + " since " + d.updatedAt().toString().substring(0, 16).replace('T', ' ') + " UTC. " + next;
    }

    /** Lower-case words only: the key under which handed-off questions are counted. */
    static String normalize(String q) {
        String n = q.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
        return n.length() > 500 ? n.substring(0, 500) : n;
    }
}
