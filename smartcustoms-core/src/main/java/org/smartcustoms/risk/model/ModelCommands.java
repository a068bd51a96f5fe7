package org.smartcustoms.risk.model;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.smartcustoms.declaration.bulk.BulkReader;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.bulk.KcsCsvReader;

/**
 * Entry points the CLI calls: train a model from files into a directory, and evaluate train-then-test. Progress
 * lines go to the given stream; {@code evaluate} prints the metrics JSON as the very last line.
 *
 * <p>Honest evaluation: test rows are scored in date order; their risk profiles use labels from the training
 * files only. Test-period declarations DO update occurrence counts, first-seen dates and price medians (a
 * customs service sees declarations as they arrive, strictly before the scored day), but never their labels,
 * since in deployment inspection outcomes become known only later.
 */
public final class ModelCommands {

    private ModelCommands() { }

    /** Trains on the files with {@code params} and saves the model directory; {@code clock} dates the dossier. */
    public static TrainedFraudModel train(List<Path> trainFiles, Path outDir, String format, TrainingParams params,
                                          java.time.Clock clock, PrintStream out) throws IOException {
        TrainedFraudModel model = trainOnFiles(trainFiles, format, params, clock, out);
        model.save(outDir);
        out.println("saved model to " + outDir);
        return model;
    }

    /** Trains on {@code trainFiles}, scores {@code testFile}; prints progress then one-line metrics JSON. */
    public static ModelEvaluation evaluate(List<Path> trainFiles, Path testFile, String format, TrainingParams params,
                                           java.time.Clock clock, PrintStream out) throws IOException {
        TrainedFraudModel model = trainOnFiles(trainFiles, format, params, clock, out);
        List<LabelledItem> test = LabelledItem.fromRows(read(testFile, format, out));
        out.println("scoring " + test.size() + " test rows from " + testFile);
        Scored scored = scoreInDateOrder(model, test);
        if (scored.critical() != null) {
            boolean[] c = new boolean[test.size()];
            for (int i = 0; i < c.length; i++) c[i] = test.get(i).label().criticalFraud() == 2;
            out.println("critical irregularities (KCS Critical Fraud = 2), critical head: "
                    + ModelEvaluation.of(scored.critical(), c).toJson());
        }
        ModelEvaluation ev = ModelEvaluation.of(scored.fraud(), fraudLabels(test));
        out.println(ev.toJson());
        return ev;
    }

    private static boolean[] fraudLabels(List<LabelledItem> test) {
        boolean[] l = new boolean[test.size()];
        for (int i = 0; i < l.length; i++) l[i] = test.get(i).label().fraud();
        return l;
    }

    /** Probabilities of the fraud head and of the critical head (null without one), in the items' order. */
    record Scored(double[] fraud, double[] critical) { }

    /**
     * Scores the items in date order against the model's history (which is advanced with occurrences, never with
     * the items' labels) and compares with the labels.
     */
    public static ModelEvaluation evaluate(TrainedFraudModel model, List<LabelledItem> test) {
        return ModelEvaluation.of(scoreInDateOrder(model, test).fraud(), fraudLabels(test));
    }

    /** Probabilities for the items (in their given order), computed in date order as described above. */
    static Scored scoreInDateOrder(TrainedFraudModel model, List<LabelledItem> items) {
        int n = items.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparing(i -> items.get(i).declaration().declarationDate()));
        int f = ModelFeatureVector.size();
        float[] x = new float[n * f];
        HistoryStore h = model.history();
        Set<Object> observed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int j = 0; j < n; j++) {
            LabelledItem li = items.get(order[j]);
            float[] row = ModelFeatureVector.extract(li.declaration(), li.item(), h.asOf(li.declaration().declarationDate()));
            System.arraycopy(row, 0, x, j * f, f);
            if (observed.add(li.declaration())) h.observe(li.declaration());
        }
        return new Scored(unsort(model.scoreFeatures(x, n), order), unsort(model.scoreCriticalFeatures(x, n), order));
    }

    private static double[] unsort(double[] sorted, Integer[] order) {
        if (sorted == null) return null;
        double[] out = new double[sorted.length];
        for (int j = 0; j < sorted.length; j++) out[order[j]] = sorted[j];
        return out;
    }

    static TrainedFraudModel trainOnFiles(List<Path> files, String format, TrainingParams params, java.time.Clock clock,
                                          PrintStream out) throws IOException {
        if (files.isEmpty()) throw new IllegalArgumentException("no training files");
        List<BulkRow> rows = new ArrayList<>();
        for (Path p : files) rows.addAll(read(p, format, out));
        out.println("training with " + params);
        long t0 = System.nanoTime();
        TrainedFraudModel m = FraudModelTrainer.train(LabelledItem.fromRows(rows), params, out::println, clock);
        out.printf(java.util.Locale.ROOT, "training took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return m.withFingerprint(fingerprint(files));
    }

    static List<BulkRow> read(Path file, String format, PrintStream out) throws IOException {
        BulkReader reader = readerFor(format);
        List<BulkRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.read(in, rows::add);
        }
        long rejected = rows.stream().filter(r -> !r.accepted()).count();
        out.println("read " + rows.size() + " rows from " + file + (rejected > 0 ? " (" + rejected + " rejected)" : ""));
        return rows;
    }

    static BulkReader readerFor(String format) {
        if ("kcs".equalsIgnoreCase(format)) return new KcsCsvReader();
        throw new IllegalArgumentException("unknown format '" + format + "' (supported: kcs)");
    }

    /** SHA-256 over the bytes of the files, in order. */
    static String fingerprint(List<Path> files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files) {
                try (DigestInputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
