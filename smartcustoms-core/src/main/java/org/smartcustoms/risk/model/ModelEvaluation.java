package org.smartcustoms.risk.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How good a ranking of declarations is for targeting inspections: if officers inspect the top k% scored
 * declarations, which share of them is irregular (precision@k%) and which share of all irregular ones they
 * catch (recall@k%); plus the rank-based AUC. These are the metrics the KCS benchmark publishes.
 *
 * <p>The top k% is the first {@code ceil(rows * k / 100)} rows after sorting by score descending; equal scores
 * keep their input order (ties broken deterministically by position). AUC is the Mann–Whitney statistic with
 * average ranks for ties (NaN when only one class is present).
 */
public record ModelEvaluation(Map<Integer, Double> precisionAt, Map<Integer, Double> recallAt, double auc, long rows) {

    /** The k (percent) values reported. */
    public static final int[] KS = {1, 5, 10};

    public ModelEvaluation {
        precisionAt = Map.copyOf(precisionAt);
        recallAt = Map.copyOf(recallAt);
    }

    /** Evaluates scores against labels (same order). */
    public static ModelEvaluation of(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) throw new IllegalArgumentException("scores and labels differ in length");
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        long positives = 0;
        for (boolean l : labels) if (l) positives++;
        Map<Integer, Double> precision = new LinkedHashMap<>();
        Map<Integer, Double> recall = new LinkedHashMap<>();
        for (int k : KS) {
            int top = (int) Math.ceil(n * k / 100.0);
            int hits = 0;
            for (int j = 0; j < top; j++) if (labels[order[j]]) hits++;
            precision.put(k, top == 0 ? Double.NaN : (double) hits / top);
            recall.put(k, positives == 0 ? Double.NaN : (double) hits / positives);
        }
        return new ModelEvaluation(precision, recall, auc(scores, labels), n);
    }

    /** Rank-based AUC (probability a random irregular row outranks a random regular one, ties count half). */
    static double auc(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] asc = new Integer[n];
        for (int i = 0; i < n; i++) asc[i] = i;
        Arrays.sort(asc, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[asc[j + 1]] == scores[asc[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[asc[t]]) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** One-line JSON, the last line of the CLI's evaluate output. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\"precision_at\": {");
        appendAll(b, precisionAt);
        b.append("}, \"recall_at\": {");
        appendAll(b, recallAt);
        b.append("}, \"auc\": ").append(num(auc)).append(", \"rows\": ").append(rows).append('}');
        return b.toString();
    }

    private static void appendAll(StringBuilder b, Map<Integer, Double> m) {
        for (int i = 0; i < KS.length; i++) {
            if (i > 0) b.append(", ");
            b.append('"').append(KS[i]).append("\": ").append(num(m.get(KS[i])));
        }
    }

    private static String num(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) return "null";
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
