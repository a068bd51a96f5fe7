package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        try {
            trail.record(CurrentUser.get().username(), "DATA_EXPORTED", "export", what, null,
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(details));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Operation(summary = "Released/cleared declarations ranked by expected revenue at risk, with reasons")
    @GetMapping("/declarations")
    ResponseEntity<?> declarations(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String format,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<PostClearanceAudit.DeclarationRisk> rows = audit.declarations(limit);
        if (!wantsCsv(format, accept)) return ResponseEntity.ok(rows);
        exported("post-clearance-declarations", limit, rows.size());
        return csv("post-clearance-declarations.csv", List.of("id", "lrn", "importer", "status", "riskScore", "probability",
                "potentialShortfall", "expectedRevenueAtRisk", "currency", "reasons"), rows, r -> List.of(r.id(), nz(r.lrn()),
                nz(r.importerId()), r.status(), r.riskScore() == null ? "" : r.riskScore().toString(), Double.toString(r.probability()),
                plain(r.potentialShortfall()), plain(r.expectedRevenueAtRisk()), r.currency(), String.join(" | ", r.reasons())));
    }

    @Operation(summary = "Importers ranked by the summed expected revenue at risk of their released declarations")
    @GetMapping("/companies")
    ResponseEntity<?> companies(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String format,
                                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<PostClearanceAudit.CompanyRisk> rows = audit.companies(limit);
        if (!wantsCsv(format, accept)) return ResponseEntity.ok(rows);
        exported("post-clearance-companies", limit, rows.size());
        return csv("post-clearance-companies.csv", List.of("importer", "declarations", "flagged", "potentialShortfall",
                "expectedRevenueAtRisk", "currency", "reasons"), rows, r -> List.of(nz(r.importerId()),
                Integer.toString(r.declarations()), Integer.toString(r.flagged()), plain(r.potentialShortfall()),
                plain(r.expectedRevenueAtRisk()), r.currency(), String.join(" | ", r.reasons())));
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (format.equalsIgnoreCase("csv")) return true;
            if (format.equalsIgnoreCase("json")) return false;
            throw new IllegalArgumentException("format must be json or csv");
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    static <T> ResponseEntity<String> csv(String filename, List<String> header, List<T> rows, Function<T, List<String>> cells) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (T r : rows) line(sb, cells.apply(r));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(sb.toString());
    }

    /** RFC 4180 quoting; cells starting like a formula get a leading apostrophe so spreadsheets do not run them. */
    static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) c = "'" + c;
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                c = '"' + c.replace("\"", "\"\"") + '"';
            }
            sb.append(c);
        }
        sb.append("\r\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String plain(BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }
}
