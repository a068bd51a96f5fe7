package org.smartcustoms.risk.watchlist;

import java.util.List;

/** A watch-list CSV with bad rows; every error is reported as "line N: message" (1-based, header = line 1). */
public class WatchListImportException extends RuntimeException {
    private final List<String> errors;

    public WatchListImportException(List<String> errors) {
        super(errors.size() + " bad row(s): " + String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() { return errors; }
}
