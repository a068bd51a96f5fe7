package org.smartcustoms.server.consignment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Manifest bodies queued in cluster mode ({@code manifest_upload}): written by the API node before the intake log has
 * the message, read and deleted by the worker that stores the manifest.
 */
@Repository
public class JdbcManifestUploads {
    private static final String COLUMNS = "manifest_id, state, reference, submitter_party, submitter_kind, format, arrival_date,"
            + " submitted_by, received_at, content_sha256, content_bytes, problems";
    private final JdbcTemplate jdbc;

    JdbcManifestUploads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a queued upload with its body (streamed from {@code body}, {@code u.contentBytes()} long). */
    public void insert(ManifestUpload u, Path body) {
        try (InputStream in = Files.newInputStream(body)) {
            insert(u, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void insert(ManifestUpload u, InputStream in) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO manifest_upload (" + COLUMNS + ", body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ps.setString(1, u.id());
            ps.setString(2, u.state().name());
            ps.setString(3, u.reference());
            ps.setString(4, u.submitterParty());
            ps.setString(5, u.submitterKind().name());
            ps.setString(6, u.format().name());
            ps.setDate(7, Date.valueOf(u.arrivalDate()));
            ps.setString(8, u.submittedBy());
            ps.setTimestamp(9, Timestamp.from(u.receivedAt()));
            ps.setString(10, u.contentSha256());
            ps.setLong(11, u.contentBytes());
            ps.setString(12, null);
            ps.setBinaryStream(13, in, u.contentBytes());
            return ps;
        });
    }

    public Optional<ManifestUpload> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM manifest_upload WHERE manifest_id = ?", (rs, n) -> new ManifestUpload(
                rs.getString(1), ManifestUpload.State.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                Manifest.SubmitterKind.valueOf(rs.getString(5)), ManifestFormat.valueOf(rs.getString(6)),
                rs.getDate(7).toLocalDate(), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getLong(11),
                rs.getString(12) == null ? List.of() : Arrays.asList(rs.getString(12).split("\n"))), id).stream().findFirst();
    }

    /** The body of a queued upload (empty once stored or rejected). */
    public Optional<byte[]> body(String id) {
        return jdbc.query("SELECT body FROM manifest_upload WHERE manifest_id = ? AND body IS NOT NULL",
                (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    /** The file as a whole could not be read: the body is dropped and the reasons kept for the status page. */
    public void reject(String id, List<String> problems) {
        String text = String.join("\n", problems);
        if (text.length() > 4000) text = text.substring(0, 4000);
        jdbc.update("UPDATE manifest_upload SET state = ?, problems = ?, body = NULL WHERE manifest_id = ?",
                ManifestUpload.State.REJECTED.name(), text, id);
    }

    /** The manifest is stored (or was never queued): the upload is no longer needed. */
    public void delete(String id) {
        jdbc.update("DELETE FROM manifest_upload WHERE manifest_id = ?", id);
    }
}
