package org.smartcustoms.consignment;

import java.util.Locale;
import java.util.Optional;

/**
 * The data elements of a manifest row: CSV column names and JSON-lines keys (the same snake_case words). Required
 * columns must be in a CSV header; optional ones may be left out.
 */
public enum ManifestColumn {
    CONSIGNMENT_ID(true), HOUSE_DOCUMENT(true), MASTER_DOCUMENT(false),
    SELLER_ID(false), SELLER_NAME(true), SELLER_COUNTRY(true),
    BUYER_ID(false), BUYER_NAME(true), BUYER_COUNTRY(true), BUYER_POSTCODE(false),
    PLATFORM_ID(false), DESCRIPTION(true), HS6(true), QUANTITY(true), GROSS_MASS_KG(false),
    VALUE(true), CURRENCY(true), ORIGIN(true), DISPATCH_COUNTRY(false);

    private final boolean required;
    private final String header;

    ManifestColumn(boolean required) {
        this.required = required;
        this.header = name().toLowerCase(Locale.ROOT);
    }

    public boolean required() { return required; }

    /** The column name / JSON key, e.g. {@code consignment_id}. */
    public String header() { return header; }

    public static Optional<ManifestColumn> of(String header) {
        String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
        for (ManifestColumn c : values()) if (c.header.equals(h)) return Optional.of(c);
        return Optional.empty();
    }
}
