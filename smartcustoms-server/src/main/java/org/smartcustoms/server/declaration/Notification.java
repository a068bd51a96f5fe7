package org.smartcustoms.server.declaration;

import java.time.Instant;

/**
 * A message to the declarant about one of its declarations, modelled on the WCO DMS notifications
 * (DMSACC accepted, DMSREJ rejected, DMSCTL under control, DMSCLE cleared, DMSTAX tax assessed, ...).
 */
public record Notification(long id, String declarantId, String declarationId, String lrn, String type,
                           String message, Instant createdAt) { }
