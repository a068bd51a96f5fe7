package org.smartcustoms.server.risk;

import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.inspection.InspectionRecorded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the live model's history current: an inspection outcome, once committed, becomes a label the
 * model's risk profiles use for later declarations (never for earlier ones), and cached trader profiles of
 * the rule engine are refreshed.
 */
@Component
class ModelHistoryFeed {
    private final RiskService risk;
    private final DeclarationStore store;
    private final DbRiskContext context;

    ModelHistoryFeed(RiskService risk, DeclarationStore store, DbRiskContext context) {
        this.risk = risk;
        this.store = store;
        this.context = context;
    }

    @TransactionalEventListener
    void onInspection(InspectionRecorded e) {
        java.util.Optional<org.smartcustoms.server.declaration.StoredDeclaration> inspected = store.find(e.declarationId());
        if (inspected.isEmpty()) {
            context.invalidate();
            return;
        }
        context.forget(inspected.get().declaration()); // its parties' cached profiles; the others stay
        if (risk.engine().model() instanceof TrainedFraudModel m) m.history().record(inspected.get().declaration(), e.label());
    }
}
