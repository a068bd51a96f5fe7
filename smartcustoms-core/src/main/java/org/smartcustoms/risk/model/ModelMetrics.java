package org.smartcustoms.risk.model;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a model did when it was trained ({@code metrics} in {@code dossier.json}, flat snake_case keys as before):
 * the {@link ModelEvaluation} on the held-out last days of the training period when there was a hold-out (all
 * hold-out fields null otherwise), and the number of critical labels the critical head saw (null in dossiers
 * written before the critical head existed). Proportions are in [0, 1], or NaN when undefined (no positives).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetrics(@JsonProperty("precision_at_1") Double precisionAt1,
                           @JsonProperty("precision_at_5") Double precisionAt5,
                           @JsonProperty("precision_at_10") Double precisionAt10,
                           @JsonProperty("recall_at_1") Double recallAt1,
                           @JsonProperty("recall_at_5") Double recallAt5,
                           @JsonProperty("recall_at_10") Double recallAt10,
                           Double auc, Long rows,
                           @JsonProperty("holdout_from") @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate holdoutFrom,
                           @JsonProperty("critical_labels") Long criticalLabels) {
    public ModelMetrics {
        for (Double p : new Double[] {precisionAt1, precisionAt5, precisionAt10, recallAt1, recallAt5, recallAt10, auc}) {
            if (p != null && !p.isNaN() && !(p >= 0 && p <= 1)) throw new IllegalArgumentException("metric " + p + " is not in [0, 1]");
        }
        if (rows != null && rows < 0) throw new IllegalArgumentException("rows must be >= 0");
        if (criticalLabels != null && criticalLabels < 0) throw new IllegalArgumentException("critical_labels must be >= 0");
        if ((holdoutFrom == null) != (rows == null)) throw new IllegalArgumentException("holdout_from and rows go together");
    }

    /** Metrics of a model trained with a hold-out period starting {@code from}. */
    static ModelMetrics holdout(ModelEvaluation e, LocalDate from, long criticalLabels) {
        Map<Integer, Double> p = e.precisionAt();
        Map<Integer, Double> r = e.recallAt();
        return new ModelMetrics(p.get(1), p.get(5), p.get(10), r.get(1), r.get(5), r.get(10), e.auc(), e.rows(), from,
                criticalLabels);
    }

    /** Metrics of a model trained without a hold-out period. */
    static ModelMetrics noHoldout(long criticalLabels) {
        return new ModelMetrics(null, null, null, null, null, null, null, null, null, criticalLabels);
    }

    /** The hold-out evaluation, empty when the model was trained without one. */
    public Optional<ModelEvaluation> evaluation() {
        if (rows == null) return Optional.empty();
        return Optional.of(new ModelEvaluation(Map.of(1, nan(precisionAt1), 5, nan(precisionAt5), 10, nan(precisionAt10)),
                Map.of(1, nan(recallAt1), 5, nan(recallAt5), 10, nan(recallAt10)), nan(auc), rows));
    }

    /** One line for people, e.g. {@code hold-out from 2020-03-31: 375 rows, precision@5% 1.000, auc 0.912}. */
    @Override
    public String toString() {
        String critical = criticalLabels == null ? "" : criticalLabels + " critical labels";
        return evaluation().map(e -> "hold-out from " + holdoutFrom + ": " + e.toJson() + (critical.isEmpty() ? "" : ", " + critical))
                .orElse(critical.isEmpty() ? "no hold-out" : "no hold-out, " + critical);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }
}
