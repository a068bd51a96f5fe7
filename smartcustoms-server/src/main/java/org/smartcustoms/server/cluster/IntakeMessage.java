package org.smartcustoms.server.cluster;

import java.time.Instant;
import java.util.Objects;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.server.declaration.Actor;

/**
 * One accepted submission on the intake log: the declaration id the API node allocated and answered with, who
 * submitted it, the declaration (dated on acceptance) and when the API node accepted it. Keyed on the topic by
 * declarant, so a declarant's submissions are decided in the order they were accepted.
 */
public record IntakeMessage(String declarationId, String username, String party, boolean officer,
                            Declaration declaration, Instant acceptedAt) {
    public IntakeMessage {
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (declaration.declarantId() == null) throw new IllegalArgumentException("a queued declaration names its declarant");
    }

    static IntakeMessage of(String id, Actor actor, Declaration declaration, Instant at) {
        return new IntakeMessage(id, actor.username(), actor.party(), actor.officer(), declaration, at);
    }

    Actor actor() {
        return new Actor(username, party, officer);
    }

    String key() {
        return declaration.declarantId();
    }
}
