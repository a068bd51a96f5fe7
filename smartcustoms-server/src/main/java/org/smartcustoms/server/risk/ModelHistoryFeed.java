package org.smartcustoms.server.risk;

import org.smartcustoms.server.inspection.InspectionRecorded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the live model's history current: an inspection outcome, once committed, becomes a label the
 * model's risk profiles use for later declarations (never for earlier ones), and the cached trader profiles of
 * the rule engine are refreshed — the same as for an outcome recorded on another node ({@link RiskStateReplica#record}).
 */
@Component
class ModelHistoryFeed {
    private final RiskStateReplica state;

    ModelHistoryFeed(RiskStateReplica state) {
        this.state = state;
    }

    @TransactionalEventListener
    void onInspection(InspectionRecorded e) {
        state.record(e.declarationId(), e.label());
    }
}
