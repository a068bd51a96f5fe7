package org.smartcustoms.server.inspection;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.smartcustoms.risk.Channel;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.declaration.DeclarationQuery;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.DeclarationView;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The officer's workspace: the control worklist, inspection results and channel overrides. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Control", description = "Worklist, inspection results and officer overrides")
class InspectionController {
    private final InspectionService inspections;
    private final DeclarationStore store;

    InspectionController(InspectionService inspections, DeclarationStore store) {
        this.inspections = inspections;
        this.store = store;
    }

    @Operation(summary = "Record an inspection result and release or keep the goods",
            description = "The declaration must be ACCEPTED, RISK_ASSESSED or UNDER_CONTROL (else 409).")
    @PreAuthorize("hasAnyRole('OFFICER','ADMIN')")
    @PostMapping("/declarations/{id}/inspection")
    ResponseEntity<InspectionResult> record(@PathVariable String id, @RequestBody(required = false) InspectionRequest body) {
        InspectionResult r = inspections.record(id, body, CurrentUser.get().username());
        return ResponseEntity.created(URI.create("/api/v1/declarations/" + id + "/inspections")).body(r);
    }

    @Operation(summary = "Inspection results of a declaration, oldest first")
    @PreAuthorize(org.smartcustoms.server.security.Role.CUSTOMS_STAFF_EXPRESSION)
    @GetMapping("/declarations/{id}/inspections")
    List<InspectionResult> results(@PathVariable String id) {
        return inspections.results(id);
    }

    /** Body of an override. */
    record OverrideRequest(String channel, String reason) { }

    @Operation(summary = "Override the risk channel (reason mandatory)",
            description = "GREEN releases the goods; YELLOW/RED put the declaration under control. Audited as OFFICER_OVERRIDE.")
    @PreAuthorize("hasAnyRole('OFFICER','ADMIN')")
    @PostMapping("/declarations/{id}/override")
    InspectionService.OverrideResult override(@PathVariable String id, @RequestBody(required = false) OverrideRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"channel\": ..., \"reason\": ...} is required");
        return inspections.override(id, body.channel(), body.reason(), CurrentUser.get().username());
    }

    /** Body of a correction authorisation. */
    record CorrectionRequest(String reason) { }

    /** Answer to a correction authorisation. */
    record CorrectionAuthorised(String declarationId, String status, String channel, String authorisedBy) { }

    @Operation(summary = "Authorise the declarant to correct a declaration under control (reason mandatory)",
            description = "The declarant may then submit one amendment; the declaration stays under control and its channel "
                    + "is never lowered by the re-scoring. Audited as CORRECTION_AUTHORISED.")
    @PreAuthorize("hasRole('OFFICER')")
    @PostMapping("/declarations/{id}/correction-authorisation")
    CorrectionAuthorised authoriseCorrection(@PathVariable String id, @RequestBody(required = false) CorrectionRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"reason\": ...} is required");
        StoredDeclaration s = inspections.authoriseCorrection(id, body.reason(), CurrentUser.get().username());
        return new CorrectionAuthorised(s.id(), s.status().name(), s.riskChannel(), CurrentUser.get().username());
    }

    /** Body of a reclassification: the item (by sequence number), its new commodity code and/or customs value, why. */
    record ReclassificationRequest(Integer sequence, String commodityCode, InspectionRequest.Amount customsValue, String reason) { }

    @Operation(summary = "Reclassify an item (new commodity code and/or customs value, reason mandatory)",
            description = "Only while the declaration is UNDER_CONTROL (else 409). The declaration gets a new version, duty and "
                    + "taxes are re-assessed and risk re-scored (the channel is never lowered); the declaration stays under "
                    + "control. This is how an item whose assessment is incomplete becomes releasable. Audited as ITEM_RECLASSIFIED.")
    @PreAuthorize("hasRole('OFFICER')")
    @PostMapping("/declarations/{id}/reclassification")
    org.smartcustoms.server.declaration.DeclarationView reclassify(@PathVariable String id,
                                                                   @RequestBody(required = false) ReclassificationRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"sequence\": ..., \"commodityCode\": ..., \"reason\": ...} is required");
        StoredDeclaration s = inspections.reclassify(id, body, CurrentUser.get().username());
        return org.smartcustoms.server.declaration.DeclarationView.forViewer(s, CurrentUser.get());
    }

    /** Answer of the worklist. */
    record Worklist(long total, int page, int size, List<DeclarationView.Summary> items) { }

    @Operation(summary = "Declarations awaiting control, highest risk first",
            description = "?q= finds declarations whose MRN or LRN contains the text (2 to 35 letters, digits or . _ / : -).")
    @PreAuthorize("hasAnyRole('OFFICER','ANALYST','ADMIN')")
    @GetMapping("/worklist")
    Worklist worklist(@RequestParam(required = false) String channel, @RequestParam(required = false) String office,
                      @RequestParam(required = false) String hsChapter, @RequestParam(required = false) String importer,
                      @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        String ch = blank(channel) ? null : java.util.Arrays.stream(Channel.values())
                .filter(c -> c.name().equals(channel.trim().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown channel '" + channel + "' (GREEN, YELLOW or RED)")).name();
        String chapter = blank(hsChapter) ? null : hsChapter.trim();
        if (chapter != null && !chapter.matches("\\d{2,10}")) throw new IllegalArgumentException("hsChapter must be 2 to 10 digits");
        DeclarationQuery query = new DeclarationQuery(DeclarationStatus.UNDER_CONTROL, null, null, null, null,
                blank(office) ? null : office.trim(), chapter, blank(importer) ? null : importer.trim(), ch, "risk", page, size, q);
        List<DeclarationView.Summary> items = store.list(query).stream().map(InspectionController::summary).toList();
        return new Worklist(store.count(query), page, size, items);
    }

    static DeclarationView.Summary summary(StoredDeclaration s) {
        return new DeclarationView.Summary(s.id(), s.declaration().lrn(), s.declarantId(), s.importerId(),
                s.declaration().type() == null ? null : s.declaration().type().combined(), s.declaration().officeId(),
                s.status(), s.version(), s.declaration().items().size(), s.riskScore(), s.riskChannel(), s.submittedAt());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
