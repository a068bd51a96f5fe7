package org.smartcustoms.consignment;

import java.util.Objects;

/**
 * Why a manifest row was not stored: the field (column name, empty for the whole row), a code and a sentence.
 */
public record RowProblem(String field, Code code, String message) {

    /** The kinds of row problems. */
    public enum Code {
        /** A required field is empty. */
        MISSING,
        /** A field has a wrong value. */
        INVALID,
        /** The row is not valid UTF-8. */
        ENCODING,
        /** The row is not a well-formed CSV record or JSON object (wrong column count, bad quoting, bad JSON). */
        MALFORMED,
        /** The last line ends without a line break and is incomplete. */
        TRUNCATED,
        /** The row is longer than the manifest's record limit. */
        TOO_LONG,
        /** The consignment id appears earlier in the same manifest. */
        DUPLICATE_IN_FILE,
        /** The consignment id was already stored for the submitter (from an earlier manifest). */
        ALREADY_STORED,
        /** Duty and taxes cannot be assessed (unknown HS code, no exchange rate for the currency). */
        NOT_ASSESSABLE
    }

    public RowProblem {
        field = field == null ? "" : field;
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
