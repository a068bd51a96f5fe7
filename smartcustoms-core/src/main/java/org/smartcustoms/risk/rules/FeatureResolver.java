package org.smartcustoms.risk.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;
import org.smartcustoms.risk.features.ItemFeatures;

/** Binds the CEL variables of {@link RuleCompiler#VARIABLES} to one item's features and one rule's params. */
final class FeatureResolver implements CelVariableResolver {
    private final ItemFeatures f;
    private final Map<String, Double> params;

    FeatureResolver(ItemFeatures f, Map<String, Double> params) {
        this.f = f;
        this.params = params;
    }

    @Override
    public Optional<Object> find(String name) {
        Object v = switch (name) {
            case "hs" -> f.hs();
            case "hs6" -> f.hs().length() >= 6 ? f.hs().substring(0, 6) : f.hs();
            case "origin" -> f.origin();
            case "office" -> f.office();
            case "importer" -> f.importer();
            case "declarant" -> f.declarant();
            case "seller" -> f.seller();
            case "currency" -> f.currency();
            case "unit" -> f.unit();
            case "transport_mode" -> f.transportMode();
            case "procedure" -> f.procedure();
            case "declaration_type" -> f.declarationType();
            case "description" -> f.description();
            case "preferential_origin" -> f.preferentialOrigin();
            case "value" -> f.value();
            case "net_mass" -> f.netMass();
            case "quantity" -> f.quantity();
            case "unit_price" -> f.unitPrice();
            case "price_per_kg" -> f.pricePerKg();
            case "norm_deviation" -> f.normDeviation();
            case "importer_fraud_rate" -> f.importerFraudRate();
            case "importer_history_count" -> f.importerHistoryCount();
            case "party_age_days" -> f.partyAgeDays();
            case "item_count" -> (long) f.itemCount();
            case "has_norm" -> f.hasNorm();
            case "params" -> params;
            default -> null;
        };
        return Optional.ofNullable(v);
    }
}
