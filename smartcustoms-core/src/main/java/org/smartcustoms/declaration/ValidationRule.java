package org.smartcustoms.declaration;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One validation rule as data: a stable code (what clients match on and what the API documents), a
 * sentence, where it applies and its check. Keeping the rules in one list instead of conditionals spread
 * through the intake code is what lets {@link DeclarationValidator#rules()} document exactly what runs.
 *
 * @param declarationTypes the WCO type codes (IM, EX, ...) the rule applies to; empty means all types. A
 *                         rule restricted to some types does not run when the declaration has no type.
 */
public record ValidationRule(String code, String description, Scope scope, Set<String> declarationTypes,
                             Check check) {
    public ValidationRule {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        declarationTypes = declarationTypes == null ? Set.of() : Set.copyOf(declarationTypes);
        Objects.requireNonNull(check, "check");
    }

    /** What a check is called on: the declaration once, or each goods item. */
    public enum Scope { DECLARATION, ITEM }

    /**
     * The check itself. For {@link Scope#DECLARATION} {@code item} is null and paths are relative to the
     * declaration; for {@link Scope#ITEM} it is called per item with paths relative to {@code items[i]}.
     * Checks must tolerate null fields: validation reports, it never throws.
     */
    @FunctionalInterface
    public interface Check {
        void check(Declaration declaration, GoodsItem item, Findings findings);
    }

    /** Whether the rule runs for a declaration of this type. */
    public boolean appliesTo(DeclarationType type) {
        if (declarationTypes.isEmpty()) return true;
        return type != null && declarationTypes.contains(type.code());
    }

    /** Collects the violations of one rule at one location; the rule code is added for the check. */
    public static final class Findings {
        private final String code;
        private final String prefix;
        private final List<Violation> sink;

        Findings(String code, String prefix, List<Violation> sink) {
            this.code = code;
            this.prefix = prefix;
            this.sink = sink;
        }

        /** Reports a violation at {@code path} relative to this location (e.g. {@code commodityCode}). */
        public void report(String path, String message) {
            sink.add(new Violation(join(prefix, path), code, message));
        }

        /** A view rooted deeper, e.g. {@code at("items[3]")}. */
        public Findings at(String path) {
            return new Findings(code, join(prefix, path), sink);
        }

        private static String join(String a, String b) {
            if (a.isEmpty()) return b;
            if (b == null || b.isEmpty()) return a;
            return b.startsWith("[") ? a + b : a + "." + b;
        }

        static Findings root(String code, List<Violation> sink) {
            return new Findings(code, "", sink);
        }

    }
}
