package org.smartcustoms.consignment;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The header of a manifest of low-value consignments: who submits it (a platform or a carrier, by party id), their
 * reference for it, the format of its rows and the expected arrival date that dates the assessment.
 */
public record Manifest(String reference, String submitterParty, SubmitterKind submitterKind, ManifestFormat format,
                       LocalDate arrivalDate) {

    /** Who may submit manifests: the e-commerce platform (seller side) or the carrier / postal operator. */
    public enum SubmitterKind { PLATFORM, CARRIER }

    public Manifest {
        reference = Fields.reference(reference, 70, "reference");
        submitterParty = Fields.required(submitterParty, 35, "submitterParty");
        Objects.requireNonNull(submitterKind, "submitterKind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
    }
}
