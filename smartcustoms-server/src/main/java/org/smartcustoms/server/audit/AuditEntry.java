package org.smartcustoms.server.audit;

import java.time.Instant;

/** One stored audit event as the chain holds it; {@code details} is the JSON text recorded by the caller. */
public record AuditEntry(long seq, Instant at, String actor, String action, String subjectType, String subjectId,
                         String reason, String details, String prevHash, String hash) { }
