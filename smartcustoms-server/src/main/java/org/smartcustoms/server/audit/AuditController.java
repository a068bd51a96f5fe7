package org.smartcustoms.server.audit;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Read access to the audit trail for auditors and administrators; nobody can change it through the API. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained record of decisions")
@PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
public class AuditController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuditLog trail;
    private final AuditVerifier verifier;

    AuditController(AuditLog trail, AuditVerifier verifier) {
        this.trail = trail;
        this.verifier = verifier;
    }

    /**
     * An audit event as the API shows it: details as a JSON object (text when not JSON), {@code actionLabel} the
     * action in words.
     */
    public record Event(long seq, java.time.Instant at, String actor, String action, String actionLabel, String subjectType,
                        String subjectId, String reason, JsonNode details, String prevHash, String hash) {
        static Event of(AuditEntry e) {
            return new Event(e.seq(), e.at(), e.actor(), e.action(), e.actionLabel(), e.subjectType(), e.subjectId(), e.reason(),
                    parse(e.details()), e.prevHash(), e.hash());
        }

        private static JsonNode parse(String details) {
            if (details == null) return null;
            try {
                return JSON.readTree(details);
            } catch (Exception notJson) {
                return TextNode.valueOf(details);
            }
        }
    }

    /** Answer of the list endpoint. */
    public record EventPage(long total, int page, int size, List<Event> items) { }

    @Operation(summary = "Audit events, newest first", description = "Exact-match filters on actor, action and subject id.")
    @GetMapping
    EventPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                   @RequestParam(required = false) String subjectId, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "50") int size) {
        AuditLog.AuditPage p = trail.find(actor, action, subjectId, page, size);
        return new EventPage(p.total(), p.page(), p.size(), p.items().stream().map(Event::of).toList());
    }

    /** One recordable action: its stored name (the {@code action} filter) and its label. */
    public record ActionType(String action, String label) { }

    @Operation(summary = "The actions the trail records", description = "Stored name and human label of each action, "
            + "e.g. for a filter list.")
    @GetMapping("/actions")
    List<ActionType> actions() {
        return java.util.Arrays.stream(AuditAction.values()).map(a -> new ActionType(a.name(), a.label())).toList();
    }

    @Operation(summary = "Verify the hash chain", description = "ok=false names the first broken entry and why.")
    @GetMapping("/verify")
    AuditVerifier.Result verify() {
        return verifier.verify();
    }
}
