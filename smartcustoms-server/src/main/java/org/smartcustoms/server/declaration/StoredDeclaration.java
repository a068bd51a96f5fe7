package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.TariffAssessment;

/**
 * A declaration as customs holds it (the aggregate): the declared content (latest version), the customs-assigned
 * id (MRN-like), status, version and history, the tariff assessment and the risk decision (null until they ran),
 * and the control channel in force ({@code channel}: the engine's, or an officer's override).
 * {@code correctionAuthorisedBy} names the officer who allowed the declarant one correction while under control.
 */
public record StoredDeclaration(String id, Declaration declaration, DeclarationStatus status, int version,
                                Instant submittedAt, Instant updatedAt, List<StatusChange> history,
                                TariffAssessment assessment, RiskDecision risk, Channel channel,
                                String correctionAuthorisedBy) {
    public StoredDeclaration {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One entry of the status history. */
    public record StatusChange(DeclarationStatus status, Instant at, String reason, String actor) { }

    public String declarantId() { return declaration.declarantId(); }

    public String importerId() {
        return declaration.party(PartyRole.IMPORTER).map(p -> p.id()).orElse(null);
    }

    public Integer riskScore() { return risk == null ? null : risk.score(); }

    public String riskChannel() { return channel == null ? null : channel.name(); }

    public String modelVersion() { return risk == null ? null : risk.modelVersion(); }

    /** Whether customs has selected the declaration for control (YELLOW or RED channel in force). */
    public boolean selectedForControl() {
        return channel == Channel.YELLOW || channel == Channel.RED || status == DeclarationStatus.UNDER_CONTROL;
    }

    StoredDeclaration withHistory(List<StatusChange> h) {
        return new StoredDeclaration(id, declaration, status, version, submittedAt, updatedAt, h, assessment, risk, channel,
                correctionAuthorisedBy);
    }

    /** The same declaration after a status change at {@code at}, with the change appended to its history. */
    StoredDeclaration movedTo(DeclarationStatus next, Instant at, String reason, String actor) {
        List<StatusChange> h = new java.util.ArrayList<>(history);
        h.add(new StatusChange(next, at, reason, actor));
        return new StoredDeclaration(id, declaration, next, version, submittedAt, at, h, assessment, risk, channel,
                correctionAuthorisedBy);
    }

    StoredDeclaration withAssessment(TariffAssessment a) {
        return new StoredDeclaration(id, declaration, status, version, submittedAt, updatedAt, history, a, risk, channel,
                correctionAuthorisedBy);
    }

    StoredDeclaration withRisk(RiskDecision decision, Channel inForce) {
        return new StoredDeclaration(id, declaration, status, version, submittedAt, updatedAt, history, assessment, decision,
                inForce, correctionAuthorisedBy);
    }

    /** The same declaration with another channel in force (an officer's override); the engine's decision stays. */
    public StoredDeclaration withChannel(Channel inForce) {
        return withRisk(risk, inForce);
    }
}
