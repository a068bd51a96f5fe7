package org.smartcustoms.server.risk;

import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.server.declaration.AcceptanceStep;
import org.smartcustoms.server.declaration.InOrder;
import org.smartcustoms.server.declaration.StepOutcome;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.stereotype.Component;

/**
 * Scores every accepted (or amended) declaration synchronously with the rules, watch lists and model in force,
 * taking the previous decision into account. The intake stores the decision, records it in the audit trail and
 * routes the declaration by its channel (GREEN released, YELLOW/RED under control; never lower than a channel
 * already in force).
 */
@Component
class RiskAssessmentStep implements AcceptanceStep {
    private final RiskService risk;
    private final org.smartcustoms.server.ops.OperationsMetrics metrics;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final DbRiskContext context;

    RiskAssessmentStep(RiskService risk, org.smartcustoms.server.ops.OperationsMetrics metrics,
                       org.springframework.context.ApplicationEventPublisher events, DbRiskContext context) {
        this.context = context;
        this.events = events;
        this.risk = risk;
        this.metrics = metrics;
    }

    @Override
    public int order() { return 20; }

    /** The batch's trader histories read at once, not one party at a time during the assessments. */
    @Override
    public void beforeBatch(java.util.List<org.smartcustoms.declaration.Declaration> batch) {
        context.prefetch(batch);
    }

    @Override
    public StepOutcome assess(StoredDeclaration s) {
        return assess(s, InOrder.DIRECT);
    }

    /**
     * Watch lists, features and rules at any time; the model (its history answers as of the declaration's date and
     * is fed the declaration right after), the random selection and the score window in the declaration's turn.
     */
    @Override
    public StepOutcome assess(StoredDeclaration s, InOrder inOrder) {
        long t0 = System.nanoTime();
        RiskEngine engine = risk.engine();
        RiskEngine.Evidence evidence = engine.gather(s.declaration(), s.risk());
        long gathered = System.nanoTime() - t0;
        long[] decided = new long[1];
        org.smartcustoms.risk.model.HistoryStore.Observation[] observed = new org.smartcustoms.risk.model.HistoryStore.Observation[1];
        RiskDecision d = inOrder.run(() -> {
            long t1 = System.nanoTime();
            RiskDecision decision = engine.decide(evidence);
            decided[0] = System.nanoTime() - t1;
            // the history counts a declaration once, when it is first scored, as its rebuild from the database does
            // (one row per declaration): re-scoring after an amendment or a correction does not count it again
            if (s.risk() == null && risk.engine().model() instanceof org.smartcustoms.risk.model.TrainedFraudModel m) {
                observed[0] = m.history().observe(s.declaration()); // counts as seen from the next day on (no labels)
                events.publishEvent(new DeclarationObserved(s.id()));
            }
            return decision;
        });
        metrics.riskDecision(d.channel(), gathered + decided[0]);
        org.smartcustoms.risk.model.HistoryStore.Observation o = observed[0];
        return o == null ? new StepOutcome.Targeted(d) : new StepOutcome.Targeted(d, o::withdraw);
    }
}
