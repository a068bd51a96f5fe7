package org.smartcustoms.risk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * Trains the gradient-boosted fraud model (XGBoost, binary:logistic) from labelled items. Items are replayed in
 * date order through a fresh {@link HistoryStore}: each item's features are taken from the history as of its
 * date (earlier days only), then its declaration and label are recorded. The number of rounds is chosen by
 * early stopping on the last {@code holdoutDays} of the period (a time split, like deployment), and the final
 * booster is refitted on all items with that number of rounds.
 */
public final class FraudModelTrainer {

    private FraudModelTrainer() { }

    /** Trains on labelled rows without progress output; {@code clock} dates the dossier. */
    public static TrainedFraudModel train(Iterable<BulkRow> rows, TrainingParams params, java.time.Clock clock) {
        return train(LabelledItem.fromRows(rows), params, s -> { }, clock);
    }

    /** Trains; {@code progress} receives human-readable progress lines; {@code clock} dates the dossier. */
    public static TrainedFraudModel train(List<LabelledItem> items, TrainingParams params, Consumer<String> progress,
                                          java.time.Clock clock) {
        if (items.isEmpty()) throw new IllegalArgumentException("no labelled items to train on");
        List<LabelledItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(li -> li.declaration().declarationDate())); // stable
        int n = sorted.size();
        int f = ModelFeatureVector.size();
        progress.accept("extracting features of " + n + " goods items");
        HistoryStore history = new HistoryStore(params.labelDelayDays());
        float[] x = new float[n * f];
        float[] y = new float[n];
        float[] yc = new float[n]; // critical head: prohibited goods and other critical irregularities (grade 2)
        long criticals = 0;
        Set<Object> seenDecl = Collections.newSetFromMap(new IdentityHashMap<>());
        long frauds = 0;
        StringBuilder fingerprint = new StringBuilder();
        for (int i = 0; i < n; i++) {
            LabelledItem li = sorted.get(i);
            float[] row = ModelFeatureVector.extract(li.declaration(), li.item(),
                    history.asOf(li.declaration().declarationDate()));
            System.arraycopy(row, 0, x, i * f, f);
            y[i] = li.label().fraud() ? 1 : 0;
            yc[i] = li.label().criticalFraud() == 2 ? 1 : 0;
            if (yc[i] > 0) criticals++;
            if (li.label().fraud()) frauds++;
            if (seenDecl.add(li.declaration())) {
                history.observe(li.declaration());
                history.record(li.declaration(), li.label());
            }
            fingerprint.append(li.declaration().lrn()).append('|').append(li.declaration().declarationDate()).append('|')
                    .append(li.item().commodityCode()).append('|').append(ModelFeatureVector.value(li.declaration(), li.item())).append('|')
                    .append(li.label().fraud()).append('\n');
        }
        LocalDate from = sorted.get(0).declaration().declarationDate();
        LocalDate to = sorted.get(n - 1).declaration().declarationDate();
        progress.accept("features: " + n + " rows x " + f + " features, " + from + ".." + to);
        ModelParameters recorded = ModelParameters.of(params);
        Map<String, Object> bp = recorded.boosterParams();
        try {
            int rounds = params.rounds();
            ModelEvaluation holdout = null;
            LocalDate holdoutFrom = null;
            LocalDate cutoff = to.minusDays(params.holdoutDays());
            int split = 0;
            while (split < n && !sorted.get(split).declaration().declarationDate().isAfter(cutoff)) split++;
            if (params.holdoutDays() > 0 && split > 0 && split < n) {
                DMatrix tr = matrix(x, y, 0, split, f);
                DMatrix va = matrix(x, y, split, n, f);
                Booster b = XGBoost.train(tr, new HashMap<>(bp), 0, new HashMap<>(), null, null);
                boolean[] vl = new boolean[n - split];
                for (int i = 0; i < vl.length; i++) vl[i] = y[split + i] > 0.5f;
                // own early stopping (XGBoost's watch list prints every round on stdout from native code)
                double bestAuc = -1;
                int best = 0;
                for (int r = 0; r < params.rounds(); r++) {
                    b.update(tr, r);
                    if ((r + 1) % EVAL_EVERY != 0 && r + 1 != params.rounds()) continue;
                    double auc = ModelEvaluation.auc(column(b.predict(va)), vl);
                    boolean improved = auc > bestAuc;
                    if (improved) {
                        bestAuc = auc;
                        best = r;
                    }
                    if ((r + 1) % PROGRESS_EVERY == 0) {
                        progress.accept(String.format(java.util.Locale.ROOT, "round %d of at most %d: holdout AUC %.3f (best %.3f at round %d)",
                                r + 1, params.rounds(), auc, bestAuc, best + 1));
                    }
                    if (!improved && params.earlyStopping() > 0 && r - best >= params.earlyStopping()) {
                        break;
                    }
                }
                rounds = best + 1;
                float[][] pv = b.predict(va, false, rounds);
                double[] s = new double[pv.length];
                boolean[] l = new boolean[pv.length];
                for (int i = 0; i < pv.length; i++) {
                    s[i] = pv[i][0];
                    l[i] = y[split + i] > 0.5f;
                }
                ModelEvaluation ev = ModelEvaluation.of(s, l);
                holdout = ev;
                holdoutFrom = sorted.get(split).declaration().declarationDate();
                progress.accept("holdout " + (n - split) + " rows from " + sorted.get(split).declaration().declarationDate()
                        + ": best round " + rounds + ", " + ev.toJson());
                b.dispose();
                tr.dispose();
                va.dispose();
                // the refit sees more data: allow proportionally more rounds
                rounds = Math.max(1, (int) Math.round(rounds * (double) n / split));
            }
            progress.accept("fitting " + rounds + " rounds on all " + n + " rows");
            DMatrix all = matrix(x, y, 0, n, f);
            Booster booster = XGBoost.train(all, new HashMap<>(bp), rounds, new HashMap<>(), null, null, null, 0);
            all.dispose();
            progress.accept("trained " + rounds + " rounds on " + n + " rows");
            Booster critical = null;
            if (criticals >= MIN_CRITICAL && criticals < n) {
                // same features and number of rounds; its quality is measured by `model evaluate` on held-out files
                DMatrix c = matrix(x, yc, 0, n, f);
                critical = XGBoost.train(c, new HashMap<>(bp), rounds, new HashMap<>(), null, null, null, 0);
                c.dispose();
                progress.accept("trained the critical-irregularity head (" + criticals + " critical labels) with "
                        + rounds + " rounds");
            } else {
                progress.accept("no critical-irregularity head: " + criticals + " critical labels (need " + MIN_CRITICAL + ")");
            }
            ModelMetrics metrics = holdout == null ? ModelMetrics.noHoldout(criticals)
                    : ModelMetrics.holdout(holdout, holdoutFrom, criticals);
            ModelDossier dossier = new ModelDossier(null, Instant.now(clock), "xgboost4j", TrainedFraudModel.libraryVersion(),
                    ModelFeatureVector.sha256(fingerprint.toString()), from, to, n, frauds, (double) frauds / n,
                    ModelFeatureVector.names(), ModelFeatureVector.schemaHash(), recorded, rounds, metrics, null, null);
            return new TrainedFraudModel(booster, critical, history, dossier);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    private static final int EVAL_EVERY = 10;
    /** Rounds between two progress lines while the number of rounds is chosen on the holdout. */
    private static final int PROGRESS_EVERY = 50;

    /** Critical labels (grade 2: prohibited goods, IPR…) needed before a second head learns them. */
    static final int MIN_CRITICAL = 20;

    static double[] column(float[][] p) {
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) s[i] = p[i][0];
        return s;
    }

    static DMatrix matrix(float[] x, float[] y, int fromRow, int toRow, int f) throws XGBoostError {
        float[] part = java.util.Arrays.copyOfRange(x, fromRow * f, toRow * f);
        DMatrix m = new DMatrix(part, toRow - fromRow, f, Float.NaN);
        if (y != null) m.setLabel(java.util.Arrays.copyOfRange(y, fromRow, toRow));
        return m;
    }
}
