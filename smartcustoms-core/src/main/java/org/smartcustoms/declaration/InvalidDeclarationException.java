package org.smartcustoms.declaration;

import java.util.List;

/** Thrown when input cannot become a declaration; carries every violation found, not just the first. */
public class InvalidDeclarationException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidDeclarationException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidDeclarationException(String path, String code, String message) {
        this(List.of(new Violation(path, code, message)));
    }

    public List<Violation> violations() { return violations; }

    private static String summary(List<Violation> v) {
        if (v.isEmpty()) return "invalid declaration";
        Violation first = v.get(0);
        return first.path() + ": " + first.message() + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : "");
    }
}
