package org.smartcustoms.server.knowledge;

import java.time.LocalDate;
import java.util.List;

import org.smartcustoms.knowledge.ChatMessage;
import org.smartcustoms.knowledge.HsNode;
import org.smartcustoms.knowledge.HsSuggestion;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.tariff.TariffService;
import org.smartcustoms.server.web.PayloadTooLargeException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Public knowledge services: HS classification suggestions and the inquiry assistant's chat. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Knowledge services", description = "HS classification assistant and inquiry assistant (public; a trader's token is recognised)")
public class KnowledgeController {
    /** Largest accepted request body of the public endpoints (bytes); larger ones get 413. */
    static final long MAX_BODY = 16 * 1024;
    private final ClassificationService classification;
    private final InquiryAssistant assistant;
    private final TariffService tariff;
    private final java.time.Clock clock;

    KnowledgeController(ClassificationService classification, InquiryAssistant assistant, TariffService tariff, java.time.Clock clock) {
        this.clock = clock;
        this.classification = classification;
        this.assistant = assistant;
        this.tariff = tariff;
    }

    public record ClassifyRequest(String description, Integer limit) { }

    public record NationalLine(String code, String description) { }

    public record Suggestion(String hs6, String description, double confidence, List<HsNode> path, List<String> matchedTerms,
                             List<String> matchedKeywords, List<HsSuggestion.SimilarDeclaration> similar,
                             List<NationalLine> nationalLines) { }

    public record ClassifyResponse(String description, List<Suggestion> suggestions) { }

    @Operation(summary = "Suggest HS subheadings for a goods description",
            description = "Body {description (≤ 1000 characters; material, use, origin help), limit (1-10, default 5)}. Answers the best "
                    + "subheadings with a confidence, the nomenclature path with the words that matched, curated trade words, similar past "
                    + "declarations (their descriptions for customs staff only) and the national tariff lines under each subheading.")
    @PostMapping("/classify")
    ClassifyResponse classify(@RequestBody ClassifyRequest req, HttpServletRequest http) {
        limitBody(http);
        if (req == null) throw new IllegalArgumentException("body {description} is required");
        int limit = req.limit() == null ? 5 : req.limit();
        // other parties' goods descriptions are commercial information: only customs staff see them; others see the code
        boolean staff = user() != null && user().isCustoms();
        List<Suggestion> out = classification.classify(req.description(), limit).stream().map(s -> new Suggestion(s.hs6(),
                s.description(), s.confidence(), s.path(), s.matchedTerms(), s.matchedKeywords(),
                staff ? s.similar() : s.similar().stream().map(x -> new HsSuggestion.SimilarDeclaration(null, x.hs6(), x.source(),
                        x.similarity())).toList(), national(s.hs6()))).toList();
        return new ClassifyResponse(req.description().strip(), out);
    }

    private List<NationalLine> national(String hs6) {
        try {
            return tariff.nomenclature().children(hs6, LocalDate.now(clock)).stream()
                    .filter(c -> c.code().length() > 6).limit(20).map(c -> new NationalLine(c.code(), c.description())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public record AskRequest(String question, String conversationId) { }

    @Operation(summary = "Ask the inquiry assistant",
            description = "Body {question (≤ 1000 characters), conversationId (from an earlier answer; omit to start)}. kind ANSWER: "
                    + "answer with its source entry and confidence; HANDOFF: \"I don't know — passing you to a colleague\" and a "
                    + "helpdesk ticket whose reply appears in the conversation; STATUS: a signed-in trader's own declaration.")
    @PostMapping("/assistant/ask")
    InquiryAssistant.Reply ask(@RequestBody AskRequest req, HttpServletRequest http) {
        limitBody(http);
        if (req == null) throw new IllegalArgumentException("body {question} is required");
        return assistant.ask(req.question(), req.conversationId(), user());
    }

    public record Conversation(String conversationId, List<ChatMessage> messages) { }

    @Operation(summary = "The messages of a conversation (poll it for helpdesk replies)")
    @GetMapping("/assistant/conversations/{id}")
    Conversation conversation(@PathVariable String id) {
        return new Conversation(id, assistant.messages(id, user()));
    }

    public record FeedbackRequest(Boolean helpful) { }

    @Operation(summary = "Rate an answer: {helpful: true|false}")
    @PostMapping("/assistant/conversations/{id}/messages/{messageId}/feedback")
    void feedback(@PathVariable String id, @PathVariable long messageId, @RequestBody FeedbackRequest req) {
        if (req == null || req.helpful() == null) throw new IllegalArgumentException("helpful (true or false) is required");
        assistant.feedback(id, messageId, req.helpful() ? ChatMessage.Feedback.HELPFUL : ChatMessage.Feedback.NOT_HELPFUL, user());
    }

    static void limitBody(HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_BODY) throw new PayloadTooLargeException(MAX_BODY);
    }

    static UserAccount user() {
        var a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getPrincipal() instanceof UserAccount u ? u : null;
    }
}
