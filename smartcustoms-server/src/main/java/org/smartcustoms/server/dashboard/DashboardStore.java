package org.smartcustoms.server.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.function.Consumer;

/**
 * Read model of the dashboard over the declaration, inspection-result and status-history tables. Periods are
 * half-open, {@code [from, to)}, in local date-time as the declaration timestamps are compared; rows are streamed.
 */
public interface DashboardStore {
    /** A declaration submitted in the period: its channel and stored risk decision (JSON), if any. */
    record SubmittedDeclaration(String id, LocalDateTime submittedAt, String riskChannel, String riskDecision) { }

    void declarationsSubmitted(LocalDateTime from, LocalDateTime to, Consumer<SubmittedDeclaration> sink);

    /** One inspection result's outcome, of a declaration submitted in the period. */
    record ResultOutcome(String declarationId, String outcome) { }

    void outcomesOfDeclarationsSubmitted(LocalDateTime from, LocalDateTime to, Consumer<ResultOutcome> sink);

    /** Additional duty of one inspection result recorded in the period. */
    record RecoveredDuty(String currency, BigDecimal amount) { }

    void additionalDutyRecorded(LocalDateTime from, LocalDateTime to, Consumer<RecoveredDuty> sink);

    /** When a declaration submitted in the period first reached SUBMITTED or RELEASED. */
    record FirstStatus(String declarationId, String status, Instant at) { }

    void firstSubmittedAndReleased(LocalDateTime from, LocalDateTime to, Consumer<FirstStatus> sink);
}
