package org.smartcustoms.server.cluster;

import java.time.Instant;
import java.util.Objects;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.server.declaration.Actor;

/**
 * One accepted submission on the intake log: the declaration id the API node allocated and answered with, who
 * submitted it, the declaration (dated on acceptance) and when the API node accepted it. Keyed on the topic by
 * declarant, so a declarant's submissions are decided in the order they were accepted. For an amendment or a
 * cancellation {@code declarationId} is the submission id the API node answered with (the change is applied to the
 * declaration it references), not a declaration id.
 */
public record IntakeMessage(String declarationId, String username, String party, boolean officer,
                            Declaration declaration, Instant acceptedAt) {
    public IntakeMessage {
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (declaration.declarantId() == null && party == null) {
            throw new IllegalArgumentException("a queued declaration names its declarant (or comes from the declarant's party)");
        }
    }

    static IntakeMessage of(String id, Actor actor, Declaration declaration, Instant at) {
        return new IntakeMessage(id, actor.username(), actor.party(), actor.officer(), declaration, at);
    }

    Actor actor() {
        return new Actor(username, party, officer);
    }

    /** The declarant: the topic key, so an amendment or cancellation follows the original it refers to. */
    String key() {
        return declaration.declarantId() != null ? declaration.declarantId() : party;
    }

    /** An amendment (13) or cancellation (1): applied to a stored declaration, idempotent on {@code declarationId}. */
    boolean change() {
        return declaration.isAmendment() || declaration.isCancellation();
    }
}
