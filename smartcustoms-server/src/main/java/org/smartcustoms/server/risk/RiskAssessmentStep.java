package org.smartcustoms.server.risk;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.AcceptanceStep;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scores every accepted (or amended) declaration synchronously, stores the decision with the model and rule
 * versions, records it in the audit trail and routes the declaration: GREEN is released, YELLOW (documentary
 * check) and RED (physical inspection) go under control onto the officers' worklist.
 */
@Component
class RiskAssessmentStep implements AcceptanceStep {
    private final RiskService risk;
    private final ObjectMapper json;
    private final ObjectProvider<AuditTrail> audit;

    RiskAssessmentStep(RiskService risk, ObjectMapper json, ObjectProvider<AuditTrail> audit) {
        this.risk = risk;
        this.json = json;
        this.audit = audit;
    }

    @Override
    public int order() { return 20; }

    private void audit(StoredDeclaration s, RiskDecision d, String why) {
        AuditTrail trail = audit.getIfAvailable();
        if (trail != null) {
            trail.record("system", "CHANNEL_DECISION", "declaration", s.id(), why,
                    "{\"score\":" + d.score() + ",\"channel\":\"" + d.channel() + "\",\"model\":\"" + d.modelVersion()
                            + "\",\"random\":" + d.randomlySelected() + "}");
        }
    }

    @Override
    public void onAccepted(StoredDeclaration s, DeclarationIntake intake) {
        RiskDecision previous = null;
        if (s.riskDecision() != null) {
            try {
                previous = json.readValue(s.riskDecision(), RiskDecision.class);
            } catch (JsonProcessingException | RuntimeException ignored) {
                previous = null; // an unreadable old decision only means no "previously" note
            }
        }
        RiskDecision d = risk.engine().assess(s.declaration(), previous);
        if (risk.engine().model() instanceof org.smartcustoms.risk.model.TrainedFraudModel m) {
            m.history().observe(s.declaration()); // counts as seen from the next day on (no labels)
        }
        String decisionJson;
        try {
            decisionJson = json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        intake.store().saveRisk(s.id(), d.score(), d.channel().name(), decisionJson, d.modelVersion());
        if (s.status() == DeclarationStatus.RELEASED) {
            audit(s, d, "re-scored after a post-release amendment: " + d.explanation());
            return; // already released: the decision is kept for post-clearance audit, routing no longer applies
        }
        StoredDeclaration assessed = intake.transition(s, DeclarationStatus.RISK_ASSESSED,
                "risk score " + d.score() + ", channel " + d.channel(), "system");
        audit(s, d, d.explanation());
        if (d.channel() == Channel.GREEN) {
            intake.transition(assessed, DeclarationStatus.RELEASED, "green channel: released without control", "system");
        } else {
            intake.transition(assessed, DeclarationStatus.UNDER_CONTROL,
                    (d.channel() == Channel.RED ? "red channel: physical inspection" : "yellow channel: documentary check")
                            + (d.randomlySelected() ? " (random selection)" : ""), "system");
        }
    }
}
