package org.smartcustoms.server.declaration;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An amendment received after release: the goods are gone, so it does not change the status; it waits on the
 * auditors' queue with the duty difference it implies (new total minus previous total, national currency;
 * null when either assessment is incomplete).
 */
public record PostClearanceCorrection(long id, String declarationId, int version, BigDecimal previousTotal,
                                      BigDecimal newTotal, BigDecimal difference, String currency, String submittedBy,
                                      Instant submittedAt, String status) { }
