package org.smartcustoms.server.postclearance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Post-clearance audit selection: JSON for the workspace, CSV ({@code ?format=csv} or {@code Accept: text/csv}) for
 * spreadsheets. Every CSV export is audited DATA_EXPORTED (who, which list, the limit and the row count) before the
 * file is handed out; if the entry cannot be stored, nothing is exported.
 */
@RestController
@RequestMapping("/api/v1/post-clearance")
@Tag(name = "Post-clearance audit", description = "Released declarations and importers ranked by revenue at risk")
@PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
class PostClearanceController {
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private final PostClearanceAudit audit;
    private final AuditTrail trail;

    PostClearanceController(PostClearanceAudit audit, AuditTrail trail) {
        this.audit = audit;
        this.trail = java.util.Objects.requireNonNull(trail, "audit trail");
    }

    private void exported(String what, int limit, int rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("export", what);
        details.put("format", "csv");
        details.put("filter", Map.of("limit", limit));
        details.put("rows", rows);
        trail.record(CurrentUser.get().username(), AuditAction.DATA_EXPORTED, AuditSubject.EXPORT, what, null, AuditDetails.json(details));
    }

    @Operation(summary = "Released/cleared declarations ranked by expected revenue at risk, with reasons")
    @GetMapping("/declarations")
    ResponseEntity<?> declarations(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String format,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<PostClearanceAudit.DeclarationRisk> rows = audit.declarations(limit);
        if (!wantsCsv(format, accept)) return ResponseEntity.ok(rows);
        exported("post-clearance-declarations", limit, rows.size());
        return csv("post-clearance-declarations.csv", PostClearanceCsv.declarations(rows));
    }

    @Operation(summary = "Importers ranked by the summed expected revenue at risk of their released declarations")
    @GetMapping("/companies")
    ResponseEntity<?> companies(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String format,
                                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<PostClearanceAudit.CompanyRisk> rows = audit.companies(limit);
        if (!wantsCsv(format, accept)) return ResponseEntity.ok(rows);
        exported("post-clearance-companies", limit, rows.size());
        return csv("post-clearance-companies.csv", PostClearanceCsv.companies(rows));
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (format.equalsIgnoreCase("csv")) return true;
            if (format.equalsIgnoreCase("json")) return false;
            throw new IllegalArgumentException("format must be json or csv");
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    static ResponseEntity<String> csv(String filename, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(body);
    }
}
