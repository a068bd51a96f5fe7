package org.smartcustoms.risk.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.smartcustoms.risk.Threat;

/**
 * A targeting rule as data: who owns it, when it is valid, how much it weighs (0-100), which threat it
 * indicates, where it applies ({@link RuleScope}, used for indexing) and a boolean CEL expression.
 *
 * <p>Rules are usually written from a template shared by thousands of rules that differ only in scope
 * and thresholds. Thresholds therefore go into {@code params}, read in CEL as {@code params.min_price}
 * (a map of string to double), so the expression text stays identical and is compiled once for all of
 * them. {@code id@version} identifies what was applied in a decision.
 */
public record Rule(String id, int version, String name, String owner, LocalDate validFrom, LocalDate validTo,
                   int weight, Threat threat, RuleScope scope, String expression, Map<String, Double> params,
                   boolean enabled) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(threat, "threat");
        Objects.requireNonNull(expression, "expression");
        if (id.isBlank()) throw new IllegalArgumentException("rule id must not be blank");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1: " + version);
        if (weight < 0 || weight > 100) throw new IllegalArgumentException("weight must be in 0..100: " + weight);
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("validTo before validFrom for rule " + id);
        }
        scope = scope == null ? RuleScope.GLOBAL : scope;
        params = params == null || params.isEmpty() ? Map.of() : Map.copyOf(params);
        name = name == null ? id : name;
        owner = owner == null ? "" : owner;
    }

    /** Whether the rule is enabled and valid on the date (null date = always). */
    public boolean appliesOn(LocalDate date) {
        if (!enabled) return false;
        if (date == null) return true;
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }

    /** {@code id@version}, as stored with a decision. */
    public String ref() {
        return id + "@" + version;
    }

    /** The same rule with a new version number and expression/params, e.g. after an edit. */
    public Rule revise(String newExpression, Map<String, Double> newParams) {
        return new Rule(id, version + 1, name, owner, validFrom, validTo, weight, threat, scope, newExpression,
                newParams, enabled);
    }
}
