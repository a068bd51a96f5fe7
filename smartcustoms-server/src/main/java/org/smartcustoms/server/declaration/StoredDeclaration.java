package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;

/**
 * A declaration as customs holds it: the declared content (latest version), the customs-assigned id
 * (MRN-like), status, version and history. {@code assessment} and {@code riskDecision} are JSON documents
 * produced by the tariff and risk capabilities (null until they ran).
 */
public record StoredDeclaration(String id, Declaration declaration, DeclarationStatus status, int version,
                                Instant submittedAt, Instant updatedAt, List<StatusChange> history,
                                String assessment, String riskDecision, Integer riskScore, String riskChannel,
                                String modelVersion) {
    public StoredDeclaration {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One entry of the status history. */
    public record StatusChange(DeclarationStatus status, Instant at, String reason, String actor) { }

    public String declarantId() { return declaration.declarantId(); }

    public String importerId() {
        return declaration.party(org.smartcustoms.declaration.PartyRole.IMPORTER).map(p -> p.id()).orElse(null);
    }
}
