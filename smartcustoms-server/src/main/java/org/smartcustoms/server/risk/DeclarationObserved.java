package org.smartcustoms.server.risk;

import java.util.Objects;

/**
 * The risk step added a scored declaration to the live model's history (published inside the intake's transaction).
 * In cluster mode the shared history sends it to the other nodes once that transaction has committed, so every
 * node's trader and price history counts it, whichever worker decided it.
 */
public record DeclarationObserved(String declarationId) {
    public DeclarationObserved {
        Objects.requireNonNull(declarationId, "declarationId");
    }
}
