package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;

/** Storage port for declarations. Callers run each submission in one transaction so nothing is half-stored. */
public interface DeclarationStore {
    void insert(String id, Declaration d, DeclarationStatus status, Instant at);

    /** Replaces the content with a new version and keeps the previous one in the version table. */
    void replaceContent(String id, Declaration d, int newVersion, String functionCode, Instant at);

    Optional<StoredDeclaration> find(String id);

    Optional<String> findIdByLrn(String declarantId, String lrn);

    void changeStatus(String id, DeclarationStatus status, String reason, String actor, Instant at);

    void saveAssessment(String id, String assessmentJson);

    void saveRisk(String id, int score, String channel, String decisionJson, String modelVersion);

    List<StoredDeclaration> list(DeclarationQuery q);

    long count(DeclarationQuery q);

    List<Declaration> versions(String id);

    void notify(String declarantId, String declarationId, String lrn, String type, String message, Instant at);

    List<Notification> notifications(String declarantId, long afterId, int limit);
}
