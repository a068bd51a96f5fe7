package org.smartcustoms.server.cli;

import java.sql.SQLException;

/** A command that cannot run, with a one-line reason for the user (no stack trace). */
final class CliFailure extends RuntimeException {
    /** H2's "database may be already in use" (the file is locked by another process, e.g. a running server). */
    static final int H2_DATABASE_IN_USE = 90020;

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The user-facing reason a Spring context could not start. */
    static CliFailure of(Throwable e, String dataDir) {
        Throwable root = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && (sql.getErrorCode() == H2_DATABASE_IN_USE
                    || String.valueOf(sql.getMessage()).contains("Database may be already in use"))) {
                return new CliFailure("the database in " + (dataDir == null ? "the data directory" : dataDir)
                        + " is in use by a running SMART Customs server. Stop the server first, or ask it: for the audit trail run"
                        + " 'bin/smartcustoms audit verify --server http://localhost:8080' with SMARTCUSTOMS_TOKEN set to an"
                        + " ADMIN or AUDITOR token.", e);
            }
            root = c;
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return new CliFailure("could not start: " + why, e);
    }
}
