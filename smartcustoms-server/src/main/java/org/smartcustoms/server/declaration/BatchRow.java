package org.smartcustoms.server.declaration;

import java.util.Objects;

import org.smartcustoms.declaration.Declaration;

/** One row of a bulk submission: its row number in the input (for the report) and the parsed declaration message. */
public record BatchRow(long row, Declaration declaration) {
    public BatchRow {
        Objects.requireNonNull(declaration, "declaration");
    }
}
