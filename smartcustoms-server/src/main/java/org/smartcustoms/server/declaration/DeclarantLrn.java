package org.smartcustoms.server.declaration;

import java.util.Objects;

/** The idempotency key of an original declaration: a declarant uses an LRN once. */
public record DeclarantLrn(String declarantId, String lrn) {
    public DeclarantLrn {
        Objects.requireNonNull(declarantId, "declarantId");
        Objects.requireNonNull(lrn, "lrn");
    }
}
