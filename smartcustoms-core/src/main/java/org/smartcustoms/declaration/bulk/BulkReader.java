package org.smartcustoms.declaration.bulk;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Reads a bulk file row by row, streaming (files can hold millions of rows). Each row is handed to the
 * consumer as accepted or rejected; a malformed row never stops the file. Throws IOException only for
 * problems with the file itself (unreadable, missing header).
 */
public interface BulkReader {
    /** Reads every row; returns the number of rows read. */
    long read(Reader in, Consumer<BulkRow> sink) throws IOException;
}
