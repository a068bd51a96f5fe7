package org.smartcustoms.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.declaration.StoredDeclaration;

/** Checks a stored declaration's history against the transition table. */
final class LifecycleChecks {
    private LifecycleChecks() { }

    static void assertValidHistory(StoredDeclaration s) {
        List<StoredDeclaration.StatusChange> h = s.history();
        assertThat(h).as("history of " + s.id()).isNotEmpty();
        assertThat(h.get(0).status()).as("first status of " + s.id()).isEqualTo(DeclarationStatus.SUBMITTED);
        for (int i = 1; i < h.size(); i++) {
            DeclarationStatus from = h.get(i - 1).status();
            DeclarationStatus to = h.get(i).status();
            assertThat(from.canMoveTo(to)).as("%s: %s -> %s in %s", s.id(), from, to, h).isTrue();
        }
        assertThat(s.status()).as("status of " + s.id() + " is its last history entry").isEqualTo(h.get(h.size() - 1).status());
    }
}
