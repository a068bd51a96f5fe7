package org.smartcustoms.server.cluster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.consignment.ManifestFormatException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.server.consignment.JdbcManifestUploads;
import org.smartcustoms.server.consignment.ManifestIntake;
import org.smartcustoms.server.consignment.ManifestReceipt;
import org.smartcustoms.server.consignment.ManifestUpload;
import org.smartcustoms.server.consignment.StoredManifest;
import org.smartcustoms.server.web.Problems;

/**
 * The worker's side of a queued manifest: the stored upload goes through {@link ManifestIntake} under the manifest id
 * the API node answered with (one database transaction: manifest, consignments, rejected rows, audit entry), then the
 * upload row is deleted. Exactly once in effect: a message read again finds the manifest stored under its id and is
 * answered with it (no second consignment or audit entry); the upload row is deleted then if it was left.
 */
class QueuedManifests {
    private static final Logger log = LoggerFactory.getLogger(QueuedManifests.class);
    private final ManifestIntake intake;
    private final JdbcManifestUploads uploads;
    private final ClusterSettings settings;
    private final Clock clock;

    QueuedManifests(ManifestIntake intake, JdbcManifestUploads uploads, ClusterSettings settings, Clock clock) {
        this.intake = intake;
        this.uploads = uploads;
        this.settings = settings;
        this.clock = clock;
    }

    ClusterDecision decide(ManifestMessage m) {
        String id = m.manifestId();
        Optional<StoredManifest> stored = intake.store().manifest(id);
        if (stored.isPresent()) {
            uploads.delete(id);
            return stored(m, stored.get());
        }
        Optional<ManifestUpload> upload = uploads.find(id);
        if (upload.isEmpty()) {
            // the API node deleted it after Kafka failed to acknowledge (the client heard 503), or it never existed
            return rejected(m, List.of("the upload of manifest " + id + " is not stored (the upload was answered 503 and not queued)"));
        }
        if (upload.get().state() == ManifestUpload.State.REJECTED) return rejected(m, upload.get().problems());
        Optional<byte[]> body = uploads.body(id);
        if (body.isEmpty()) return rejected(m, List.of("the upload of manifest " + id + " has no body"));
        ManifestReceipt receipt;
        try {
            // the header as uploaded: the stored row (the message carries the same)
            receipt = intake.submit(upload.get().header(), new ByteArrayInputStream(body.get()), upload.get().submittedBy(), id);
        } catch (ManifestFormatException e) {
            List<String> problems = e.errors().stream().map(Problems::sanitize).toList();
            if (problems.isEmpty()) problems = List.of(Problems.sanitize(e.getMessage()));
            log.info("worker {}: manifest {} cannot be read: {}", settings.node(), id, problems);
            uploads.reject(id, problems);
            return rejected(m, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: not expected; retried
        }
        uploads.delete(id);
        return stored(m, receipt.manifest());
    }

    private ClusterDecision stored(ManifestMessage m, StoredManifest s) {
        return new ClusterDecision(m.manifestId(), s.submitterParty(), s.reference(), ClusterDecision.Outcome.MANIFEST, null,
                null, s.id(), List.of(), settings.node(), clock.instant(), null,
                new ClusterDecision.ManifestCounts(s.rowsRead(), s.accepted(), s.rejected(), s.duplicates(), s.released(), s.held()));
    }

    ClusterDecision rejected(ManifestMessage m, List<String> problems) {
        return new ClusterDecision(m.manifestId(), m.key(), m.header().reference(), ClusterDecision.Outcome.REJECTED, null, null,
                null, problems.stream().map(p -> new Violation("", "MANIFEST_UNREADABLE", p)).toList(), settings.node(),
                clock.instant(), null);
    }
}
