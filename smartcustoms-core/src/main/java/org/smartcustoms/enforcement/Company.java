package org.smartcustoms.enforcement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of a business entity's record. {@code partyId} is its trader identification (EORI, TIN...) as
 * declarations carry it. Every change is a new version; earlier versions are kept.
 */
public record Company(String id, int version, String name, String partyId, String country, String address, String phone,
                      LocalDate reviewDate, String recordedBy, Instant recordedAt) {
    public Company {
        if (id == null || !id.matches("C-\\d{6,}")) throw new IllegalArgumentException("company id must look like C-000001");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1");
        name = Codes.text("name", name, 200, true);
        partyId = Codes.text("partyId", partyId, 35, false);
        country = Codes.text("country", country, 2, false);
        if (country != null && !country.matches("[A-Za-z]{2}")) throw new IllegalArgumentException("country must be an ISO 3166 alpha-2 code");
        country = country == null ? null : country.toUpperCase(java.util.Locale.ROOT);
        address = Codes.text("address", address, 300, false);
        phone = Codes.text("phone", phone, 40, false);
        recordedBy = Codes.text("recordedBy", recordedBy, 100, true);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
