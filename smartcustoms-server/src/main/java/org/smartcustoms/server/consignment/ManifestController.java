package org.smartcustoms.server.consignment;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.smartcustoms.consignment.ConsignmentStatus;
import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.web.PayloadTooLargeException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Manifests of low-value consignments from e-commerce platforms and carriers, and the decision on every consignment. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Low-value consignments", description = "Upload e-commerce manifests (CSV or JSON lines) and read the release notifications")
public class ManifestController {
    static final String JSON_LINES = "application/x-ndjson";
    static final int MAX_PAGE = 1000;
    private final ManifestIntake intake;
    private final Clock clock;
    private final JdbcManifestUploads uploads;
    /** Cluster mode only: the body is stored and queued for the workers. */
    private final ManifestQueue queue;

    ManifestController(ManifestIntake intake, Clock clock, JdbcManifestUploads uploads,
                       org.springframework.beans.factory.ObjectProvider<ManifestQueue> queue) {
        this.intake = intake;
        this.clock = clock;
        this.uploads = uploads;
        this.queue = queue.getIfAvailable();
    }

    /** The page of a list answer. */
    public record Page<T>(int page, int size, long total, List<T> items) { }

    @Operation(summary = "Upload a manifest of low-value consignments",
            description = "Body: text/csv (header line with the column names of docs/consignments.md) or JSON lines "
                    + "(application/x-ndjson, one object per line), UTF-8, up to the configured limit (default 200 MB; a "
                    + "larger Content-Length is refused with 413 before the body is read). ?reference= your manifest "
                    + "reference (required), ?kind=PLATFORM|CARRIER, ?arrival=yyyy-mm-dd (default today). Every good row is "
                    + "assessed, decided (RELEASED or HELD) and stored once; every bad row is reported with its row number "
                    + "and reasons; the manifest is stored whole or not at all. 201 with the counts and the rejected rows. "
                    + "In cluster mode (docs/cluster.md): 202 once the body is stored and queued, state QUEUED, with the "
                    + "status link /api/v1/manifests/{id} in Location; a worker decides it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"), @io.swagger.v3.oas.annotations.media.Content(mediaType = JSON_LINES), @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/jsonl"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-jsonlines")}))
    @PostMapping(value = "/manifests", consumes = {"text/csv", JSON_LINES, "application/jsonl", "application/x-jsonlines"})
    ResponseEntity<?> upload(HttpServletRequest request, @RequestHeader("Content-Type") String contentType,
                                           @RequestParam String reference,
                                           @RequestParam(defaultValue = "PLATFORM") Manifest.SubmitterKind kind,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate arrival,
                                           @RequestParam(required = false) String submitter) throws IOException {
        UserAccount user = CurrentUser.get();
        String party;
        if (user.role() == Role.TRADER) {
            if (submitter != null && !submitter.equals(user.partyId())) throw new AccessDeniedException("another party");
            party = user.partyId();
        } else if (user.role() == Role.ADMIN) {
            if (submitter == null || submitter.isBlank()) throw new IllegalArgumentException("an administrator names the submitting party with ?submitter=");
            party = submitter.strip();
        } else {
            throw new AccessDeniedException("role " + user.role());
        }
        long length = request.getContentLengthLong();
        if (length > intake.maxUploadBytes()) throw new PayloadTooLargeException(intake.maxUploadBytes());
        MediaType type = MediaType.parseMediaType(contentType);
        if (type.getCharset() != null && !type.getCharset().name().equals("UTF-8")) {
            throw new UnsupportedCharset(type.getCharset().name());
        }
        ManifestFormat format = type.getSubtype().toLowerCase(Locale.ROOT).equals("csv") ? ManifestFormat.CSV : ManifestFormat.JSON_LINES;
        Manifest header = new Manifest(reference, party, kind, format, arrival == null ? LocalDate.now(clock) : arrival);
        if (queue != null) {
            // cluster mode: stored and queued; a worker decides it (GET the status link: QUEUED, then the stored manifest)
            ManifestUpload u = queue.enqueue(header, request.getInputStream(), user.username());
            return ResponseEntity.accepted().location(URI.create("/api/v1/manifests/" + u.id())).body(u);
        }
        ManifestReceipt r = intake.submit(header, request.getInputStream(), user.username());
        return ResponseEntity.created(URI.create("/api/v1/manifests/" + r.manifest().id())).body(r);
    }

    /** The body is declared in another encoding than UTF-8 (415). */
    static final class UnsupportedCharset extends RuntimeException {
        UnsupportedCharset(String charset) {
            super("Manifests must be UTF-8; the body is declared as " + charset);
        }
    }

    @Operation(summary = "Manifests, newest first", description = "Traders see their own; customs users all, or one party's with ?submitter=.")
    @GetMapping("/manifests")
    Page<StoredManifest> list(@RequestParam(required = false) String submitter, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        UserAccount user = CurrentUser.get();
        String party = user.isTrader() ? user.partyId() : submitter;
        return new Page<>(page, size, intake.store().countManifests(party), intake.store().manifests(party, page * size, size));
    }

    @Operation(summary = "A manifest's summary: counts of rows read, accepted, rejected (duplicates), released and held",
            description = "state STORED. In cluster mode a manifest not stored yet answers its upload: state QUEUED, or "
                    + "REJECTED with the problems when the file as a whole cannot be read (nothing stored).")
    @GetMapping("/manifests/{id}")
    Object get(@PathVariable String id) {
        if (id == null || id.length() > 40) throw new ManifestNotFoundException("");
        if (intake.store().manifest(id).isEmpty()) {
            java.util.Optional<ManifestUpload> u = uploads.find(id);
            if (u.isPresent()) {
                UserAccount user = CurrentUser.get();
                if (user.isTrader() && !user.partyId().equals(u.get().submitterParty())) throw new ManifestNotFoundException(id);
                return u.get();
            }
        }
        return visible(id);
    }

    @Operation(summary = "The consignments of a manifest with their release notifications, in row order",
            description = "?status=RELEASED|HELD, pages of ?size= (at most " + MAX_PAGE + "). Customs users also see the risk score and reasons.")
    @GetMapping("/manifests/{id}/consignments")
    Page<ConsignmentView> consignments(@PathVariable String id, @RequestParam(required = false) ConsignmentStatus status,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        visible(id);
        boolean trader = CurrentUser.get().isTrader();
        List<ConsignmentView> items = intake.store().consignments(id, status, page * size, size).stream()
                .map(v -> trader ? v.forTrader() : v).toList();
        return new Page<>(page, size, intake.store().countConsignments(id, status), items);
    }

    @Operation(summary = "The rejected rows of a manifest with every reason, in row order")
    @GetMapping("/manifests/{id}/rejected-rows")
    Page<RejectedRow> rejectedRows(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        StoredManifest m = visible(id);
        return new Page<>(page, size, m.rejected(), intake.store().rejectedRows(id, page * size, size));
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || page > 1_000_000) throw new IllegalArgumentException("page must be between 0 and 1000000");
        if (size < 1 || size > MAX_PAGE) throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE);
    }

    private StoredManifest visible(String id) {
        if (id == null || id.length() > 40) throw new ManifestNotFoundException("");
        StoredManifest m = intake.store().manifest(id).orElseThrow(() -> new ManifestNotFoundException(id));
        UserAccount user = CurrentUser.get();
        if (user.isTrader() && !user.partyId().equals(m.submitterParty())) throw new ManifestNotFoundException(id);
        return m;
    }
}
