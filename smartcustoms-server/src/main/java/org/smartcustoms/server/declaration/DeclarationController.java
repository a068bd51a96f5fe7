package org.smartcustoms.server.declaration;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.web.RequestBodies;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Declaration submission, amendment, cancellation and tracking for traders and customs users. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Declarations", description = "Submit WCO DM declarations (JSON or DEC-DMS XML) and follow them")
public class DeclarationController {
    static final long MAX_BODY = 5L * 1024 * 1024;
    static final long MAX_BATCH_BODY = 50L * 1024 * 1024;
    private final DeclarationIntake intake;
    private final DeclarationFormats formats;

    private final org.smartcustoms.server.ops.OperationsMetrics metrics;

    /** Cluster mode's intake log (SMARTCUSTOMS_KAFKA_BOOTSTRAP set): originals are queued for the workers; else absent. */
    private final org.springframework.beans.factory.ObjectProvider<org.smartcustoms.server.cluster.IntakeLog> intakeLog;

    /**
     * {@link #intakeLog} resolved on the first submission: whether cluster mode is on is settled when the context
     * starts, and asking the bean factory again on every request was 3% of a single submission's CPU.
     */
    private volatile java.util.Optional<org.smartcustoms.server.cluster.IntakeLog> resolvedIntakeLog;

    DeclarationController(DeclarationIntake intake, DeclarationFormats formats, org.smartcustoms.server.ops.OperationsMetrics metrics,
                          org.springframework.beans.factory.ObjectProvider<org.smartcustoms.server.cluster.IntakeLog> intakeLog) {
        this.intakeLog = intakeLog;
        this.metrics = metrics;
        this.intake = intake;
        this.formats = formats;
    }

    @Operation(summary = "Submit a declaration (original, amendment or cancellation)",
            description = "Body: our JSON form of the WCO Data Model (application/json) or a WCO DM 3.6 DEC-DMS "
                    + "MetaData/Declaration (application/xml). 201 with the new declaration; 200 when the same LRN was "
                    + "already submitted by the declarant (idempotent); 422 with every validation error. In cluster mode "
                    + "(docs/cluster.md) a valid original, an amendment or a cancellation is queued for the workers instead: "
                    + "202 with its id (a submission id for a change) and statusUrl (also the Location header).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/xml"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/xml")}))
    @PostMapping(value = "/declarations", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<?> submit(HttpServletRequest request,
                             @RequestHeader(value = "Content-Type") String contentType) throws IOException {
        UserAccount user = requireRole(Role.TRADER, Role.ADMIN);
        return submit(user, RequestBodies.readLimited(request.getInputStream(), MAX_BODY), contentType);
    }

    /**
     * A single submission of {@code user} (a TRADER or ADMIN): the answer of {@code POST /api/v1/declarations}. Also
     * called by {@link DirectSubmissionFilter}, which serves the common JSON case without Spring MVC.
     */
    ResponseEntity<?> submit(UserAccount user, byte[] body, String contentType) {
        Declaration d = formats.parse(body, contentType);
        org.smartcustoms.server.cluster.IntakeLog log = intakeLog();
        IntakeResult r;
        try {
            if (log != null && org.smartcustoms.server.cluster.IntakeLog.queues(d, actor(user))) {
                org.smartcustoms.server.cluster.IntakeLog.Accepted a = log.accept(d, actor(user));
                if (a.queued().isPresent()) {
                    return ResponseEntity.accepted().location(URI.create(a.queued().get().statusUrl())).body(a.queued().get());
                }
                return ResponseEntity.ok(DeclarationView.Receipt.of(a.existing().orElseThrow()));
            }
            r = intake.submit(d, actor(user));
        } catch (InvalidDeclarationException e) {
            intake.notifyRejected(d.declarantId(), d.lrn(), e.violations());
            throw e;
        }
        DeclarationView.Receipt receipt = DeclarationView.Receipt.of(r);
        return r.created()
                ? ResponseEntity.created(URI.create("/api/v1/declarations/" + receipt.id())).body(receipt)
                : ResponseEntity.ok(receipt);
    }

    /** The cluster's intake log, or null when not in cluster mode (see {@link #resolvedIntakeLog}). */
    private org.smartcustoms.server.cluster.IntakeLog intakeLog() {
        java.util.Optional<org.smartcustoms.server.cluster.IntakeLog> log = resolvedIntakeLog;
        if (log == null) {
            log = java.util.Optional.ofNullable(intakeLog.getIfAvailable());
            resolvedIntakeLog = log;
        }
        return log.orElse(null);
    }

    @Operation(summary = "Submit many declarations at once",
            description = "application/json: an array of declarations; text/csv with ?format=kcs or ?format=jp. "
                    + "Each row is accepted or rejected on its own; the answer lists rejected rows with reasons.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")}))
    @PostMapping(value = "/declarations/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<?> batch(HttpServletRequest request, @RequestHeader("Content-Type") String contentType,
                            @RequestParam(value = "format", required = false) String format) throws IOException {
        UserAccount user = requireRole(Role.TRADER, Role.ADMIN);
        byte[] body = RequestBodies.readLimited(request.getInputStream(), MAX_BATCH_BODY);
        org.smartcustoms.server.cluster.IntakeLog log = intakeLog();
        if (log != null) {
            org.smartcustoms.server.cluster.QueuedBatch queued = org.smartcustoms.server.cluster.QueuedBatch.submit(
                    log, intake, actor(user), sink -> formats.parseBatch(body, contentType, format, row -> {
                        if (row.accepted()) sink.accept(new BatchRow(row.rowNumber(), row.declaration()));
                        else sink.rejected(row.rowNumber(), row.errors());
                    }));
            metrics.batchRows(queued.queued() + queued.duplicates() + queued.applied(), queued.rejected());
            return ResponseEntity.accepted().body(queued);
        }
        BatchResult.Builder result = new BatchResult.Builder();
        List<BatchRow> rows = new java.util.ArrayList<>();
        formats.parseBatch(body, contentType, format, row -> {
            if (row.accepted()) rows.add(new BatchRow(row.rowNumber(), row.declaration()));
            else result.rejected(row.rowNumber(), row.errors());
        });
        for (RowResult r : intake.submitBatch(rows, actor(user))) result.add(r);
        BatchResult done = result.build();
        metrics.batchRows(done.accepted(), done.rejected());
        return ResponseEntity.ok(done);
    }

    @Operation(summary = "A declaration with its items, parties, history, assessment and risk decision")
    @GetMapping("/declarations/{id}")
    DeclarationView get(@PathVariable String id) {
        return DeclarationView.forViewer(visible(id), CurrentUser.get());
    }

    @Operation(summary = "All versions of a declaration (the original first, then each amendment)")
    @GetMapping("/declarations/{id}/versions")
    List<Declaration> versions(@PathVariable String id) {
        visible(id);
        return intake.store().versions(id);
    }

    @Operation(summary = "List declarations, newest first",
            description = "Traders see only their own declarations. ?q= finds declarations whose MRN or LRN contains the text "
                    + "(2 to 35 letters, digits or . _ / : -; anything else is refused with 400).")
    @GetMapping("/declarations")
    Map<String, Object> list(@RequestParam(required = false) DeclarationStatus status,
                             @RequestParam(required = false) String declarant,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) String office,
                             @RequestParam(required = false) String importer,
                             @RequestParam(required = false) String channel,
                             @RequestParam(required = false) String hsChapter,
                             @RequestParam(required = false) String q,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        UserAccount user = CurrentUser.get();
        DeclarationQuery query = new DeclarationQuery(status, declarant, user.isTrader() ? user.partyId() : null, from, to,
                office, hsChapter, importer, channel, null, page, size, q);
        List<DeclarationView.Summary> items = intake.store().list(query).stream()
                .map(s -> DeclarationView.Summary.forViewer(s, !user.isTrader())).toList();
        return Map.of("page", page, "size", size, "total", intake.store().count(query), "items", items);
    }

    @Operation(summary = "Cancel a declaration that has not been released yet")
    @PostMapping("/declarations/{id}/cancel")
    DeclarationView cancel(@PathVariable String id, @RequestBody(required = false) Map<String, String> body) {
        UserAccount user = requireRole(Role.TRADER, Role.ADMIN, Role.OFFICER);
        String reason = body == null ? null : body.get("reason");
        StoredDeclaration s = intake.cancel(id, reason, actor(user));
        return DeclarationView.forViewer(s, user);
    }

    /** Notifications per page when the caller does not say, and at most. */
    static final int NOTIFICATIONS_DEFAULT = 50, NOTIFICATIONS_MAX = 200;

    @Operation(summary = "Notifications to the declarant, newest first (WCO DMS types: DMSACC, DMSREJ, DMSCTL, DMSRCV, DMSCLE, DMSTAX, DMSINV)",
            description = "Traders get their own feed; customs users may pass ?declarant=. Pages of ?limit= (default "
                    + NOTIFICATIONS_DEFAULT + ", at most " + NOTIFICATIONS_MAX + "); the next, older page with "
                    + "?before=<nextBefore of the answer>. To poll for new ones, ?after=<the highest id seen>.")
    @GetMapping("/notifications")
    NotificationPage notifications(@RequestParam(defaultValue = "0") long after,
                                   @RequestParam(required = false) Long before,
                                   @RequestParam(required = false) String declarant,
                                   @RequestParam(defaultValue = "" + NOTIFICATIONS_DEFAULT) int limit) {
        if (limit < 1 || limit > NOTIFICATIONS_MAX) {
            throw new IllegalArgumentException("limit must be between 1 and " + NOTIFICATIONS_MAX);
        }
        if (after < 0 || (before != null && before < 1)) throw new IllegalArgumentException("after and before must be positive ids");
        UserAccount user = CurrentUser.get();
        String who = user.isTrader() ? user.partyId() : declarant;
        List<Notification> items = intake.store().notifications(who, after, before, limit + 1);
        boolean more = items.size() > limit;
        List<Notification> page = more ? items.subList(0, limit) : items;
        return new NotificationPage(page, more ? page.get(page.size() - 1).id() : null, limit);
    }

    private StoredDeclaration visible(String id) {
        StoredDeclaration s = intake.store().find(id).orElseThrow(() -> new DeclarationNotFoundException(id));
        if (!DeclarationView.mayView(s, CurrentUser.get())) throw new DeclarationNotFoundException(id);
        return s;
    }

    /** The intake's view of the caller: a trader acts as declarant for its party, an officer decides on controls. */
    static Actor actor(UserAccount user) {
        if (user.isTrader()) return Actor.declarant(user.username(), user.partyId());
        return user.role() == Role.OFFICER ? Actor.officer(user.username()) : Actor.system(user.username());
    }

    static UserAccount requireRole(Role... roles) {
        UserAccount u = CurrentUser.get();
        for (Role r : roles) if (u.role() == r) return u;
        throw new org.springframework.security.access.AccessDeniedException("role " + u.role());
    }

}
