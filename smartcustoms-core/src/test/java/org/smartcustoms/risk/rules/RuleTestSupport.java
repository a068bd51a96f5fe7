package org.smartcustoms.risk.rules;

import java.time.LocalDate;
import java.util.Map;
import org.smartcustoms.risk.Threat;

final class RuleTestSupport {
    private RuleTestSupport() { }

    static Rule rule(String id, RuleScope scope, String expression, Map<String, Double> params) {
        return new Rule(id, 1, "rule " + id, "team-a", null, null, 50, Threat.UNDERVALUATION, scope, expression,
                params, true);
    }

    static Rule rule(String id, RuleScope scope, String expression) {
        return rule(id, scope, expression, Map.of());
    }

    static Rule dated(String id, LocalDate from, LocalDate to) {
        return new Rule(id, 1, id, "team-a", from, to, 50, Threat.OTHER, RuleScope.GLOBAL, "true", Map.of(), true);
    }
}
