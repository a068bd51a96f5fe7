package org.smartcustoms.server.knowledge;

import java.util.List;
import java.util.Locale;

import org.smartcustoms.knowledge.ChatMessage;
import org.smartcustoms.knowledge.HelpdeskTicket;
import org.smartcustoms.knowledge.KnowledgeEntry;
import org.smartcustoms.knowledge.KnowledgeStore;
import org.smartcustoms.knowledge.StoredEntry;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.web.PayloadTooLargeException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The helpdesk queue of handed-off questions and the knowledge-base administration (HELPDESK and ADMIN). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Helpdesk", description = "Answer handed-off questions; edit and import the assistant's knowledge base")
public class HelpdeskController {
    static final long MAX_IMPORT = 5L * 1024 * 1024;
    private final InquiryAssistant assistant;

    HelpdeskController(InquiryAssistant assistant) {
        this.assistant = assistant;
    }

    @Operation(summary = "Tickets: ?status=OPEN (default, oldest first), ANSWERED or ALL")
    @GetMapping("/helpdesk/tickets")
    List<HelpdeskTicket> tickets(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit must be between 1 and 500");
        String s = status.strip().toUpperCase(Locale.ROOT);
        HelpdeskTicket.Status st = switch (s) {
            case "ALL" -> null;
            case "OPEN" -> HelpdeskTicket.Status.OPEN;
            case "ANSWERED" -> HelpdeskTicket.Status.ANSWERED;
            default -> throw new IllegalArgumentException("status must be OPEN, ANSWERED or ALL");
        };
        return assistant.store().tickets(st, limit);
    }

    public record TicketView(HelpdeskTicket ticket, List<ChatMessage> conversation) { }

    @Operation(summary = "A ticket with its whole conversation")
    @GetMapping("/helpdesk/tickets/{id}")
    TicketView ticket(@PathVariable long id) {
        HelpdeskTicket t = assistant.store().ticket(id).orElseThrow(() -> new KnowledgeExceptions.NotFound("no ticket " + id));
        return new TicketView(t, assistant.store().messages(t.conversationId()));
    }

    public record ReplyRequest(String answer) { }

    @Operation(summary = "Answer a ticket: {answer}; the reply appears in the user's conversation (409 if answered already)")
    @PostMapping("/helpdesk/tickets/{id}/reply")
    @ResponseStatus(HttpStatus.CREATED)
    ChatMessage reply(@PathVariable long id, @RequestBody ReplyRequest req) {
        if (req == null) throw new IllegalArgumentException("body {answer} is required");
        return assistant.reply(id, req.answer(), CurrentUser.get().username());
    }

    @Operation(summary = "Handed-off questions ranked by how often they were asked (candidates for new entries)")
    @GetMapping("/helpdesk/unanswered")
    List<KnowledgeStore.QuestionCount> unanswered(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) throw new IllegalArgumentException("limit must be between 1 and 200");
        return assistant.store().frequentHandoffs(limit);
    }

    @Operation(summary = "How users rated the answers of each entry, the most 'not helpful' first")
    @GetMapping("/helpdesk/feedback")
    List<KnowledgeStore.EntryFeedback> feedback(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit must be between 1 and 500");
        return assistant.store().feedbackByEntry(limit);
    }

    @Operation(summary = "All knowledge-base entries (also retired ones)")
    @GetMapping("/knowledge/entries")
    List<StoredEntry> entries() {
        return assistant.store().entries();
    }

    public record EntryView(StoredEntry current, List<StoredEntry> versions) { }

    @Operation(summary = "An entry with all its versions, newest first")
    @GetMapping("/knowledge/entries/{id}")
    EntryView entry(@PathVariable String id) {
        StoredEntry e = assistant.store().entry(id).orElseThrow(() -> new KnowledgeExceptions.NotFound("no entry " + id));
        return new EntryView(e, assistant.store().versions(id));
    }

    public record EntryRequest(String topic, String question, String answer, String audience, String language, Boolean active,
                               Integer version) { }

    @Operation(summary = "Create or edit an entry: a new version each time; give the version you edited to detect concurrent edits (409)")
    @PutMapping("/knowledge/entries/{id}")
    StoredEntry save(@PathVariable String id, @RequestBody EntryRequest req) {
        if (req == null) throw new IllegalArgumentException("body is required");
        KnowledgeEntry e = new KnowledgeEntry(id, req.topic(), req.question(), req.answer(), req.audience(), req.language(), 1);
        return assistant.saveEntry(e, req.active() == null || req.active(), req.version(), CurrentUser.get().username());
    }

    public record ImportResult(int entries) { }

    @Operation(summary = "Import entries from CSV (text/csv: id,topic,question,answer,audience[,language]) or Markdown (text/markdown)")
    @PostMapping(value = "/knowledge/import", consumes = {"text/csv", "text/markdown", "text/plain"})
    ImportResult importFile(@RequestHeader("Content-Type") String contentType, @RequestBody String body, HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_IMPORT || body.length() > MAX_IMPORT) throw new PayloadTooLargeException(MAX_IMPORT);
        boolean markdown = !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        List<KnowledgeEntry> entries = assistant.parse(body, markdown);
        if (entries.isEmpty()) throw new IllegalArgumentException("the file has no entries");
        return new ImportResult(assistant.importEntries(entries, CurrentUser.get().username()));
    }
}
