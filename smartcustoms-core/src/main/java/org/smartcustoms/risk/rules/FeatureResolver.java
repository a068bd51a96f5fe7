package org.smartcustoms.risk.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;
import org.smartcustoms.risk.features.ItemFeatures;

/** Binds the CEL variables of the {@link RuleVariable} catalogue to one item's features and one rule's params. */
final class FeatureResolver implements CelVariableResolver {
    private final ItemFeatures f;
    private final Map<String, Double> params;

    FeatureResolver(ItemFeatures f, Map<String, Double> params) {
        this.f = f;
        this.params = params;
    }

    @Override
    public Optional<Object> find(String name) {
        RuleVariable v = RuleVariable.named(name);
        if (v == null) return Optional.empty();
        return Optional.of(v == RuleVariable.PARAMS ? params : v.celValue(f));
    }
}
