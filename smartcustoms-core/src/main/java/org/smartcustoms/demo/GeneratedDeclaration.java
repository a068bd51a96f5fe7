package org.smartcustoms.demo;

import java.util.Objects;
import java.util.Set;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * A synthetic declaration with the truth behind it: the inspection label a model trains on and, for
 * irregular ones, which fraud was injected (null when honest), so that evaluations can be broken down by
 * fraud type.
 */
public record GeneratedDeclaration(Declaration declaration, BulkRow.Label label, String fraudType) {
    public static final String UNDERVALUATION = "UNDERVALUATION";
    public static final String MISCLASSIFICATION = "MISCLASSIFICATION";
    public static final String ORIGIN = "ORIGIN";
    private static final Set<String> TYPES = Set.of(UNDERVALUATION, MISCLASSIFICATION, ORIGIN);

    public GeneratedDeclaration {
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(label, "label");
        if (fraudType != null && !TYPES.contains(fraudType)) throw new IllegalArgumentException("fraudType: " + fraudType);
        if (label.fraud() != (fraudType != null)) throw new IllegalArgumentException("label and fraudType disagree");
    }
}
