package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;

import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.server.consignment.JdbcManifestUploads;
import org.smartcustoms.server.consignment.ManifestIntake;
import org.smartcustoms.server.consignment.ManifestQueue;
import org.smartcustoms.server.consignment.ManifestUpload;

/**
 * The API node's side of a queued manifest: the body is read (at most the upload limit, hashed) into a temporary
 * file, stored as a {@code manifest_upload} row under a new manifest id, then a {@link ManifestMessage} is appended
 * to the intake log; the client hears 202 only after both. If Kafka does not take the message the row is deleted and
 * the client hears 503 (nothing queued).
 */
class ManifestLog implements ManifestQueue {
    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final IntakeLog intakeLog;
    private final ManifestIntake intake;
    private final JdbcManifestUploads uploads;
    private final Clock clock;

    ManifestLog(ClusterSettings settings, ClusterCodec codec, IntakeLog intakeLog, ManifestIntake intake,
                JdbcManifestUploads uploads, Clock clock) {
        this.settings = settings;
        this.codec = codec;
        this.intakeLog = intakeLog;
        this.intake = intake;
        this.uploads = uploads;
        this.clock = clock;
    }

    @Override
    public ManifestUpload enqueue(Manifest header, InputStream body, String actor) throws IOException {
        ManifestIntake.Spooled spooled = intake.spool(body);
        try {
            intake.checkReadable(header.format(), spooled.file()); // 422 here, as in single-node mode, for an unreadable file
            String id = ManifestIntake.newManifestId();
            ManifestUpload u = new ManifestUpload(id, ManifestUpload.State.QUEUED, header.reference(), header.submitterParty(),
                    header.submitterKind(), header.format(), header.arrivalDate(), actor, clock.instant(), spooled.sha256(),
                    spooled.bytes(), java.util.List.of());
            uploads.insert(u, spooled.file());
            try {
                intakeLog.sendAndAwait(new ManifestMessage(id, header, actor, u.receivedAt()).record(settings.intakeTopic(), codec));
            } catch (RuntimeException e) {
                uploads.delete(id); // nothing was promised: no upload is left behind without its message
                throw e;
            }
            return u;
        } finally {
            Files.deleteIfExists(spooled.file());
        }
    }
}
