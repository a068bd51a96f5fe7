package org.smartcustoms.server.consignment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;

/**
 * A stored manifest with its counts: rows read (not counting a CSV header or blank lines), consignments accepted
 * and stored, rows rejected (of which {@code duplicates} repeated a consignment id), and the decisions.
 */
public record StoredManifest(String id, String reference, String submitterParty, Manifest.SubmitterKind submitterKind,
                             String submittedBy, ManifestFormat format, LocalDate arrivalDate, Instant receivedAt,
                             String contentSha256, long contentBytes, int rowsRead, int accepted, int rejected,
                             int duplicates, int released, int held, BigDecimal dutyTotal, BigDecimal exciseTotal,
                             BigDecimal vatTotal, String nationalCurrency) {
    public StoredManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(submitterParty, "submitterParty");
        Objects.requireNonNull(submitterKind, "submitterKind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (accepted + rejected != rowsRead) throw new IllegalArgumentException("accepted + rejected must equal rows read");
        if (released + held != accepted) throw new IllegalArgumentException("released + held must equal accepted");
        if (duplicates > rejected) throw new IllegalArgumentException("duplicates are rejected rows");
    }

    /** Always STORED (a manifest queued in cluster mode answers {@link ManifestUpload} with QUEUED or REJECTED). */
    @com.fasterxml.jackson.annotation.JsonProperty("state")
    public String state() {
        return "STORED";
    }
}
