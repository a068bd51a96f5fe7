package org.smartcustoms.server.consignment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;

/**
 * A manifest taken by an API node in cluster mode and not stored yet (docs/cluster.md): {@code QUEUED} until a worker
 * stores it (then {@code GET /api/v1/manifests/{id}} answers the {@link StoredManifest}), or {@code REJECTED} when the
 * file as a whole cannot be read (nothing stored; {@code problems} says why).
 */
public record ManifestUpload(String id, State state, String reference, String submitterParty,
                             Manifest.SubmitterKind submitterKind, ManifestFormat format, LocalDate arrivalDate,
                             String submittedBy, Instant receivedAt, String contentSha256, long contentBytes,
                             List<String> problems) {
    public enum State { QUEUED, REJECTED }

    public ManifestUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(submitterParty, "submitterParty");
        Objects.requireNonNull(submitterKind, "submitterKind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(contentSha256, "contentSha256");
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The manifest header the upload was taken with. */
    public Manifest header() {
        return new Manifest(reference, submitterParty, submitterKind, format, arrivalDate);
    }
}
