package org.smartcustoms.declaration;

import java.util.Objects;

/**
 * One validation failure: where (a JSON-pointer-like path such as {@code items[2].commodityCode}), which
 * rule (a stable code, e.g. {@code HS_CODE_FORMAT}) and a sentence for the declarant.
 */
public record Violation(String path, String code, String message) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
