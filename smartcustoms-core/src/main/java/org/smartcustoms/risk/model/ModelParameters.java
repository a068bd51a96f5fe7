package org.smartcustoms.risk.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters a model was trained with, as its dossier records them ({@code parameters} in
 * {@code dossier.json}, snake_case keys as XGBoost names them): the booster's own parameters, then those of the
 * trainer and the history replay. The booster is given exactly {@link #boosterParams()}, so the dossier cannot
 * record anything other than what was used. Validated on construction, which includes loading a dossier.
 *
 * @param roundsMax      maximum boosting rounds ({@link TrainingParams#rounds()}); the rounds actually trained are
 *                       the dossier's {@code boostingRounds}
 * @param smoothing      prior weight of the smoothed irregularity rates among the features
 */
public record ModelParameters(String objective, @JsonProperty("eval_metric") String evalMetric,
                              @JsonProperty("max_depth") int maxDepth, double eta, double subsample,
                              @JsonProperty("colsample_bytree") double colsampleBytree,
                              @JsonProperty("min_child_weight") double minChildWeight,
                              @JsonProperty("tree_method") String treeMethod, int nthread, long seed, int verbosity,
                              @JsonProperty("rounds_max") int roundsMax,
                              @JsonProperty("early_stopping") int earlyStopping,
                              @JsonProperty("holdout_days") int holdoutDays,
                              @JsonProperty("label_delay_days") int labelDelayDays, double smoothing) {
    public ModelParameters {
        if (blank(objective) || blank(evalMetric) || blank(treeMethod)) {
            throw new IllegalArgumentException("objective, eval_metric and tree_method are required");
        }
        if (maxDepth < 1 || nthread < 1 || roundsMax < 1) throw new IllegalArgumentException("max_depth, nthread and rounds_max must be >= 1");
        if (!(eta > 0 && eta <= 1)) throw new IllegalArgumentException("eta must be in (0, 1]");
        if (!(subsample > 0 && subsample <= 1) || !(colsampleBytree > 0 && colsampleBytree <= 1)) {
            throw new IllegalArgumentException("subsample and colsample_bytree must be in (0, 1]");
        }
        if (!(minChildWeight >= 0) || !(smoothing >= 0)) throw new IllegalArgumentException("min_child_weight and smoothing must be >= 0");
        if (verbosity < 0 || verbosity > 3) throw new IllegalArgumentException("verbosity must be 0 to 3");
        if (earlyStopping < 0 || holdoutDays < 0 || labelDelayDays < 0) {
            throw new IllegalArgumentException("early_stopping, holdout_days and label_delay_days must be >= 0");
        }
    }

    /** What the trainer uses for {@code params}: binary logistic trees on the histogram method, evaluated by AUC. */
    static ModelParameters of(TrainingParams params) {
        return new ModelParameters("binary:logistic", "auc", params.maxDepth(), params.eta(), params.subsample(),
                params.colsample(), params.minChildWeight(), "hist", params.nthread(), params.seed(), 0, params.rounds(),
                params.earlyStopping(), params.holdoutDays(), params.labelDelayDays(), ModelFeatureVector.SMOOTHING);
    }

    /** The parameters handed to XGBoost. */
    Map<String, Object> boosterParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", objective);
        p.put("eval_metric", evalMetric);
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleBytree);
        p.put("min_child_weight", minChildWeight);
        p.put("tree_method", treeMethod);
        p.put("nthread", nthread);
        p.put("seed", seed);
        p.put("verbosity", verbosity);
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
