package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;

import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.tariff.TariffAssessment;

/** API view of a stored declaration: content, status, history, tariff assessment and risk decision. */
public record DeclarationView(String id, String lrn, String declarantId, DeclarationStatus status, int version,
                              Instant submittedAt, Instant updatedAt, Integer riskScore, String channel,
                              String modelVersion, Declaration declaration,
                              List<StoredDeclaration.StatusChange> history,
                              TariffAssessment assessment, RiskDecision risk) {
    static DeclarationView of(StoredDeclaration s) {
        return new DeclarationView(s.id(), s.declaration().lrn(), s.declarantId(), s.status(), s.version(),
                s.submittedAt(), s.updatedAt(), s.riskScore(), s.riskChannel(), s.modelVersion(), s.declaration(),
                s.history(), s.assessment(), s.risk());
    }

    /**
     * What a trader may see: the channel and status, but not the score, the model or the targeting reasons
     * (revealing them would teach how to evade controls).
     */
    DeclarationView forTrader() {
        return new DeclarationView(id, lrn, declarantId, status, version, submittedAt, updatedAt, null, channel, null,
                declaration, history, assessment, null);
    }

    /** Short form for lists. */
    public record Summary(String id, String lrn, String declarantId, String importerId, String type, String office,
                          DeclarationStatus status, int version, int items, Integer riskScore, String channel,
                          Instant submittedAt) {
        static Summary of(StoredDeclaration s) {
            return new Summary(s.id(), s.declaration().lrn(), s.declarantId(), s.importerId(),
                    s.declaration().type().combined(), s.declaration().officeId(), s.status(), s.version(),
                    s.declaration().items().size(), s.riskScore(), s.riskChannel(), s.submittedAt());
        }

        Summary withoutScore() {
            return new Summary(id, lrn, declarantId, importerId, type, office, status, version, items, null, channel, submittedAt);
        }
    }

    /** Answer to a submission. */
    public record Receipt(String id, String lrn, DeclarationStatus status, int version, Integer riskScore,
                          String channel, boolean created) {
        static Receipt of(IntakeResult r) {
            StoredDeclaration s = r.declaration();
            return new Receipt(s.id(), s.declaration().lrn(), s.status(), s.version(), s.riskScore(), s.riskChannel(), r.created());
        }
    }
}
