package org.smartcustoms.risk.model;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;

/**
 * The predictive seam of the risk engine: something that, given a declared item in its declaration,
 * says how likely it is to be irregular and why. Implementations: the gradient-boosted model
 * (XGBoost4J) trained on past inspection results, or a constant model when none is promoted yet.
 * Implementations must be thread-safe and must only use history dated before the declaration.
 */
public interface FraudModel {

    /** Version string as in the model registry (e.g. "kcs-20261123-1"), or "none". */
    String version();

    /** Fraud probability and explanation for one goods item of a declaration. */
    Prediction predict(Declaration declaration, GoodsItem item);

    /**
     * Probability and expected revenue, contributions optional: the cheap half of {@link #predict}, called for
     * every item. Models whose explanation costs more than the prediction override it and {@link #explain}.
     */
    default Prediction score(Declaration declaration, GoodsItem item) { return predict(declaration, item); }

    /** The contributions of {@link #predict} alone, asked only for the item whose reasons an officer will read. */
    default java.util.List<Contribution> explain(Declaration declaration, GoodsItem item) {
        return predict(declaration, item).contributions();
    }

    /**
     * Result of {@link #predict}: probability in [0,1], expected extra revenue (national currency), reasons, and
     * the probability of a critical irregularity (prohibited goods, IPR; 0 when the model does not rate them).
     */
    record Prediction(double fraudProbability, double expectedRevenue, java.util.List<Contribution> contributions,
                      double criticalProbability) {
        public Prediction {
            if (!(fraudProbability >= 0 && fraudProbability <= 1)) {
                throw new IllegalArgumentException("fraudProbability must be in [0,1]: " + fraudProbability);
            }
            if (!(criticalProbability >= 0 && criticalProbability <= 1)) {
                throw new IllegalArgumentException("criticalProbability must be in [0,1]: " + criticalProbability);
            }
            contributions = contributions == null ? java.util.List.of() : java.util.List.copyOf(contributions);
        }

        /** A prediction without a critical-irregularity rating. */
        public Prediction(double fraudProbability, double expectedRevenue, java.util.List<Contribution> contributions) {
            this(fraudProbability, expectedRevenue, contributions, 0);
        }
    }

    /** One feature's contribution (e.g. a SHAP value) with a sentence an officer understands. */
    record Contribution(String feature, double contribution, String sentence) { }

    /** A model that always answers the same probability; used before any model is trained. */
    static FraudModel constant(double p) {
        return new FraudModel() {
            public String version() { return "none"; }
            public Prediction predict(Declaration d, GoodsItem i) { return new Prediction(p, 0, java.util.List.of()); }
        };
    }
}
