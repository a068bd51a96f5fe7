package org.smartcustoms.declaration;

/**
 * A {@link Violation} as reported to people and API clients: the path, the field in words ({@link FieldLabels}),
 * the rule code and the sentence.
 */
public record FieldError(String path, String label, String code, String message) {
    public static FieldError of(Violation v) {
        return new FieldError(v.path(), FieldLabels.label(v.path()), v.code(), v.message());
    }
}
