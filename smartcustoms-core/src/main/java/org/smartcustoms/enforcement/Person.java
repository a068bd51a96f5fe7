package org.smartcustoms.enforcement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of a person's record (need to know: the intelligence unit only). Every change is a new version;
 * earlier versions are kept. {@code reviewDate}: when the record must be reviewed for retention.
 */
public record Person(String id, int version, String name, LocalDate birthDate, String nationality, String documentNumber,
                     String address, String phone, LocalDate reviewDate, String recordedBy, Instant recordedAt) {
    public Person {
        if (id == null || !id.matches("P-\\d{6,}")) throw new IllegalArgumentException("person id must look like P-000001");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1");
        name = Codes.text("name", name, 200, true);
        nationality = Codes.text("nationality", nationality, 2, false);
        if (nationality != null && !nationality.matches("[A-Za-z]{2}")) throw new IllegalArgumentException("nationality must be an ISO 3166 alpha-2 code");
        nationality = nationality == null ? null : nationality.toUpperCase(java.util.Locale.ROOT);
        documentNumber = Codes.text("documentNumber", documentNumber, 40, false);
        address = Codes.text("address", address, 300, false);
        phone = Codes.text("phone", phone, 40, false);
        recordedBy = Codes.text("recordedBy", recordedBy, 100, true);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
