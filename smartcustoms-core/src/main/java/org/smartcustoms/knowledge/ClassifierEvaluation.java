package org.smartcustoms.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Top-1/3/5 accuracy of {@link HsClassifier} on a CSV with columns {@code description,hs6} (other columns ignored;
 * the code's first six digits count), with per-query latency percentiles.
 */
public final class ClassifierEvaluation {
    public record Result(double top1, double top3, double top5, int rows, double p50Millis, double p99Millis) { }

    /** A row whose expected code was not the first suggestion: what was expected and the codes suggested, best first. */
    public record Miss(int row, String description, String expected, List<String> suggested) {
        public Miss {
            suggested = List.copyOf(suggested);
        }
    }

    private ClassifierEvaluation() { }

    public static Result evaluate(HsClassifier classifier, Reader csv) throws IOException {
        return evaluate(classifier, csv, miss -> { });
    }

    /** As {@link #evaluate(HsClassifier, Reader)}, telling {@code onMiss} about every row not right at rank 1. */
    public static Result evaluate(HsClassifier classifier, Reader csv, Consumer<Miss> onMiss) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(csv)) {
            String code = r.get("hs6").replaceAll("\\D", "");
            if (code.length() < 6) throw new IllegalArgumentException("line " + r.getRecordNumber() + ": hs6 must have six digits");
            rows.add(new String[] {r.get("description"), code.substring(0, 6)});
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("the test file has no rows");
        classifier.classify("warm-up cotton shirt", 5);
        int t1 = 0, t3 = 0, t5 = 0;
        double[] ms = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            long start = System.nanoTime();
            List<HsSuggestion> s = classifier.classify(rows.get(i)[0], 5);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (s.isEmpty() || !s.get(0).hs6().equals(rows.get(i)[1])) {
                onMiss.accept(new Miss(i + 1, rows.get(i)[0], rows.get(i)[1], s.stream().map(HsSuggestion::hs6).toList()));
            }
            for (int k = 0; k < s.size(); k++) {
                if (s.get(k).hs6().equals(rows.get(i)[1])) {
                    if (k < 1) t1++;
                    if (k < 3) t3++;
                    t5++;
                    break;
                }
            }
        }
        Arrays.sort(ms);
        int n = rows.size();
        return new Result(round(t1 / (double) n), round(t3 / (double) n), round(t5 / (double) n), n,
                round(ms[(int) Math.floor(0.5 * (n - 1))]), round(ms[(int) Math.ceil(0.99 * (n - 1))]));
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
