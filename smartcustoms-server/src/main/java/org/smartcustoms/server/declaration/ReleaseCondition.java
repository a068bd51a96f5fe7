package org.smartcustoms.server.declaration;

import java.util.Optional;

/**
 * A condition the lifecycle gate checks before a declaration is released (e.g. duty paid or guaranteed, see the
 * payment capability). Answers why the release must wait, or empty when it may go ahead. Implementations read only;
 * they never write a status.
 */
public interface ReleaseCondition {
    Optional<String> unmet(StoredDeclaration declaration);
}
