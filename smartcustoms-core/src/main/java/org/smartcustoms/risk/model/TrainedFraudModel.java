package org.smartcustoms.risk.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;

/**
 * The XGBoost fraud model with everything needed to serve it: the booster, the {@link HistoryStore} (risk
 * profiles as of the end of training, to be fed further with {@link HistoryStore#observe} and
 * {@link HistoryStore#record} as declarations arrive and inspections conclude) and the {@link ModelDossier}.
 *
 * <p>{@link #predict} returns the fraud probability, the expected revenue and the three features that pushed
 * the score up most (feature contributions, summed per field) as sentences for officers; {@link #score} and
 * {@link #explain} are its two halves, so the engine explains only the item an officer will read about.
 * XGBoost trains the booster; serving walks the same trees in Java ({@link TreeEnsemble}), checked against
 * XGBoost's own predictions and SHAP values whenever a booster is trained or loaded.
 * Expected revenue is approximate: KCS data carry no recovered amount, so the duty shortfall of an irregular
 * item is estimated as the duty on its declared value (value x duty rate; 8% when the rate is unknown),
 * i.e. assuming an irregular declaration hides about as much duty as it declares. Thread-safe.
 *
 * <p>Saved as a directory: {@code booster.ubj}, {@code dossier.json}, {@code history.bin.gz} (profiles).
 */
public final class TrainedFraudModel implements FraudModel {

    static final String BOOSTER_FILE = "booster.ubj";
    static final String CRITICAL_BOOSTER_FILE = "critical.ubj";
    static final String DOSSIER_FILE = "dossier.json";
    static final String HISTORY_FILE = "history.bin.gz";
    static final double DEFAULT_DUTY_RATE = 8.0;

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Booster booster;
    private final TreeEnsemble trees;
    /** second head: probability of a critical irregularity (prohibited goods, IPR; KCS grade 2); may be null */
    private final Booster criticalBooster;
    private final TreeEnsemble criticalTrees;
    private final HistoryStore history;
    private final ModelDossier dossier;
    private final boolean exactExplanations;

    /** @throws IllegalArgumentException when the booster cannot be served by {@link TreeEnsemble} */
    TrainedFraudModel(Booster booster, HistoryStore history, ModelDossier dossier) {
        this(booster, null, history, dossier);
    }

    /** With a critical-irregularity head ({@code critical}, may be null). */
    TrainedFraudModel(Booster booster, Booster critical, HistoryStore history, ModelDossier dossier) {
        this(booster, javaTrees(booster), critical, critical == null ? null : javaTrees(critical), history, dossier);
    }

    private TrainedFraudModel(Booster booster, TreeEnsemble trees, Booster criticalBooster, TreeEnsemble criticalTrees,
                              HistoryStore history, ModelDossier dossier) {
        this(booster, trees, criticalBooster, criticalTrees, history, dossier, false);
    }

    private TrainedFraudModel(Booster booster, TreeEnsemble trees, Booster criticalBooster, TreeEnsemble criticalTrees,
                              HistoryStore history, ModelDossier dossier, boolean exactExplanations) {
        this.exactExplanations = exactExplanations;
        this.booster = booster;
        this.trees = trees;
        this.criticalBooster = criticalBooster;
        this.criticalTrees = criticalTrees;
        this.history = history;
        this.dossier = dossier;
    }

    /** Whether the model also rates critical irregularities (it had enough such labels to learn them). */
    public boolean hasCriticalHead() { return criticalTrees != null; }

    @Override
    public String version() { return dossier.version() == null ? "unregistered" : dossier.version(); }

    public ModelDossier dossier() { return dossier; }

    /** The live history: feed it arrivals ({@code observe}) and inspection outcomes ({@code record}). */
    public HistoryStore history() { return history; }

    /** Number of trees and their maximum depth, for benchmark reports. */
    public String shape() { return trees.trees() + " trees, depth <= " + trees.maxDepth(); }

    /**
     * Same model and state, explaining scores by exact TreeSHAP ({@code true}; about 8 microseconds per tree, so
     * milliseconds for a few hundred trees) or by Saabas path attribution ({@code false}, the default; XGBoost's
     * {@code approx_contribs}, as cheap as a prediction). The server takes it from {@code smartcustoms.ml.explanations}.
     */
    public TrainedFraudModel withExactExplanations(boolean exact) {
        return new TrainedFraudModel(booster, trees, criticalBooster, criticalTrees, history, dossier, exact);
    }

    /**
     * Same booster and dossier serving from {@code liveHistory} instead of the history it was trained with: a server
     * rebuilds the history from its own database, so the model and the rules read the same facts about traders.
     */
    public TrainedFraudModel withHistory(HistoryStore liveHistory) {
        java.util.Objects.requireNonNull(liveHistory, "liveHistory");
        if (liveHistory.labelDelayDays() != history.labelDelayDays()) {
            throw new IllegalArgumentException("the live history must delay labels like the training history ("
                    + history.labelDelayDays() + " days)");
        }
        return new TrainedFraudModel(booster, trees, criticalBooster, criticalTrees, liveHistory, dossier, exactExplanations);
    }

    /** Same model and state under a registry version. */
    TrainedFraudModel withVersion(String v) {
        return new TrainedFraudModel(booster, trees, criticalBooster, criticalTrees, history, dossier.withVersion(v), exactExplanations);
    }

    TrainedFraudModel withFingerprint(String fp) {
        return new TrainedFraudModel(booster, trees, criticalBooster, criticalTrees, history, dossier.withFingerprint(fp), exactExplanations);
    }

    /**
     * The booster's trees for serving in Java, after checking on probe rows (values at and just below its
     * split points, and missing values) that they give XGBoost's own probabilities and SHAP values.
     */
    static TreeEnsemble javaTrees(Booster booster) {
        try {
            byte[] json;
            synchronized (booster) {
                json = booster.toByteArray("json");
            }
            TreeEnsemble t = TreeEnsemble.fromXgboostJson(json);
            if (t.features() != ModelFeatureVector.size()) {
                throw new IllegalArgumentException("the booster has " + t.features() + " features, expected "
                        + ModelFeatureVector.size());
            }
            java.util.List<float[]> probe = t.probeRows(32, 7);
            float[] flat = new float[probe.size() * t.features()];
            for (int i = 0; i < probe.size(); i++) System.arraycopy(probe.get(i), 0, flat, i * t.features(), t.features());
            DMatrix m = new DMatrix(flat, probe.size(), t.features(), Float.NaN);
            float[][] p;
            float[][] c;
            try {
                synchronized (booster) {
                    p = booster.predict(m);
                    c = booster.predictContrib(m, 0);
                }
            } finally {
                m.dispose();
            }
            for (int i = 0; i < probe.size(); i++) {
                double mine = t.probability(probe.get(i));
                if (Math.abs(mine - p[i][0]) > 1e-4) {
                    throw new IllegalArgumentException("the Java tree evaluator disagrees with XGBoost on probe row " + i
                            + ": " + mine + " vs " + p[i][0]);
                }
                float[] phi = t.contributions(probe.get(i));
                for (int j = 0; j < phi.length; j++) {
                    if (Math.abs(phi[j] - c[i][j]) > 1e-3 * Math.max(1, Math.abs(c[i][j]))) {
                        throw new IllegalArgumentException("the Java TreeSHAP disagrees with XGBoost on probe row " + i
                                + " feature " + j + ": " + phi[j] + " vs " + c[i][j]);
                    }
                }
            }
            return t;
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("cannot read the XGBoost booster: " + e.getMessage(), e);
        }
    }

    /** Full prediction: {@link #score} plus the SHAP explanation. */
    @Override
    public Prediction predict(Declaration declaration, GoodsItem item) {
        float[] x = features(declaration, item);
        double p = trees.probability(x);
        return new Prediction(p, p * dutyEstimate(declaration, item), reasons(declaration, item, x), critical(x, p));
    }

    /**
     * The critical head is walked only for items whose fraud probability reaches this: critical irregularities
     * are irregularities (KCS: every Critical Fraud row is a Fraud row), so below it the critical probability
     * is lower still and rates LOW whatever the thresholds' defaults (MEDIUM starts at 0.4). Saves the second
     * walk for most items.
     */
    static final double CRITICAL_FROM = 0.2;

    private double critical(float[] x, double fraudProbability) {
        return criticalTrees == null || fraudProbability < CRITICAL_FROM ? 0 : criticalTrees.probability(x);
    }

    /** Probability and expected revenue without explanation: a walk down each tree, a few microseconds. */
    @Override
    public Prediction score(Declaration declaration, GoodsItem item) {
        float[] x = features(declaration, item);
        Scored scored = LAST_SCORED.get();
        if (scored == null || scored.declaration != declaration) {
            scored = new Scored(declaration);
            LAST_SCORED.set(scored);
        }
        scored.items.add(item);
        scored.vectors.add(x);
        double p = trees.probability(x);
        return new Prediction(p, p * dutyEstimate(declaration, item), List.of(), critical(x, p));
    }

    /**
     * The three field groups that pushed the score up most, as sentences. When this thread has just scored the
     * item, its feature vector is reused, so the reasons explain exactly that score.
     */
    @Override
    public List<Contribution> explain(Declaration declaration, GoodsItem item) {
        Scored last = LAST_SCORED.get();
        float[] x = null;
        if (last != null && last.declaration == declaration) {
            for (int i = 0; i < last.items.size() && x == null; i++) if (last.items.get(i) == item) x = last.vectors.get(i);
        }
        return reasons(declaration, item, x != null ? x : features(declaration, item));
    }

    /** Per thread: the feature vectors of the items scored for the declaration being scored (one at a time). */
    private static final class Scored {
        final Declaration declaration;
        final List<GoodsItem> items = new java.util.ArrayList<>(4);
        final List<float[]> vectors = new java.util.ArrayList<>(4);

        Scored(Declaration declaration) { this.declaration = declaration; }
    }

    private final ThreadLocal<Scored> LAST_SCORED = new ThreadLocal<>();

    private float[] features(Declaration declaration, GoodsItem item) {
        if (declaration.declarationDate() == null) throw new IllegalArgumentException("declaration date is required");
        // one consistent point-in-time view for the whole vector
        return history.readAsOf(declaration.declarationDate(), h -> ModelFeatureVector.extractUnlocked(declaration, item, h));
    }

    private List<Contribution> reasons(Declaration declaration, GoodsItem item, float[] x) {
        float[] contrib = exactExplanations ? trees.contributions(x) : trees.approximateContributions(x);
        return history.read(h -> Explanations.top(declaration, item, x, contrib, h, 3));
    }

    /** Probabilities of already extracted feature rows (row-major), for batch evaluation. */
    double[] scoreFeatures(float[] rowsMajor, int rows) {
        return score(trees, rowsMajor, rows);
    }

    /** Critical-irregularity probabilities of feature rows; null when the model has no such head. */
    double[] scoreCriticalFeatures(float[] rowsMajor, int rows) {
        return criticalTrees == null ? null : score(criticalTrees, rowsMajor, rows);
    }

    private static double[] score(TreeEnsemble trees, float[] rowsMajor, int rows) {
        int f = trees.features();
        double[] out = new double[rows];
        float[] x = new float[f];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(rowsMajor, i * f, x, 0, f);
            out[i] = trees.probability(x);
        }
        return out;
    }

    /** Estimated duty at stake: declared value x duty rate (see class comment). */
    static double dutyEstimate(Declaration declaration, GoodsItem item) {
        double v = ModelFeatureVector.value(declaration, item);
        if (Double.isNaN(v)) return 0;
        double rate = ModelFeatureVector.taxRate(item);
        if (Double.isNaN(rate)) rate = DEFAULT_DUTY_RATE;
        return v * rate / 100.0;
    }

    // ---------------------------------------------------------------- persistence

    /** Writes the model directory (created if needed); existing files are replaced. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        String sha = writeBooster(booster, dir.resolve(BOOSTER_FILE));
        Files.deleteIfExists(dir.resolve(CRITICAL_BOOSTER_FILE));
        String criticalSha = criticalBooster == null ? null : writeBooster(criticalBooster, dir.resolve(CRITICAL_BOOSTER_FILE));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(HISTORY_FILE)))) {
            history.writeTo(out);
        }
        JSON.writeValue(dir.resolve(DOSSIER_FILE).toFile(), dossier.withBoosterSha256(sha, criticalSha));
    }

    /** Writes a booster (UBJSON) to {@code file}; returns the SHA-256 of what was written, for the dossier. */
    private static String writeBooster(Booster b, Path file) throws IOException {
        byte[] raw;
        try {
            synchronized (b) {
                raw = b.toByteArray("ubj");
            }
        } catch (XGBoostError e) {
            throw new IOException("cannot serialise booster " + file.getFileName() + ": " + e.getMessage(), e);
        }
        Files.write(file, raw);
        return sha256(raw);
    }

    /**
     * Loads a model directory. Refuses (ModelLoadException) a missing or corrupt file and a model built for
     * another feature schema than this code's {@link ModelFeatureVector#schemaHash()}.
     */
    public static TrainedFraudModel load(Path dir) throws ModelLoadException {
        Path dossierFile = dir.resolve(DOSSIER_FILE);
        ModelDossier dossier;
        try {
            dossier = JSON.readValue(dossierFile.toFile(), ModelDossier.class);
        } catch (IOException e) {
            throw new ModelLoadException("model file " + dossierFile + " is missing or corrupt: " + e.getMessage(), e);
        }
        if (!ModelFeatureVector.schemaHash().equals(dossier.schemaHash())) {
            throw new ModelLoadException("model " + dir + " uses another feature schema: expected "
                    + ModelFeatureVector.schemaHash() + " found " + dossier.schemaHash());
        }
        Booster booster = loadBooster(dir.resolve(BOOSTER_FILE), dossier.boosterSha256());
        TreeEnsemble trees = servable(booster, dir.resolve(BOOSTER_FILE));
        Booster critical = null;
        TreeEnsemble criticalTrees = null;
        if (dossier.criticalBoosterSha256() != null) {
            critical = loadBooster(dir.resolve(CRITICAL_BOOSTER_FILE), dossier.criticalBoosterSha256());
            criticalTrees = servable(critical, dir.resolve(CRITICAL_BOOSTER_FILE));
        }
        Path historyFile = dir.resolve(HISTORY_FILE);
        HistoryStore history;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(historyFile))) {
            history = HistoryStore.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("model file " + historyFile + " is missing or corrupt: " + e.getMessage(), e);
        }
        return new TrainedFraudModel(booster, trees, critical, criticalTrees, history, dossier);
    }

    /** Reads a booster file, checking its SHA-256 against the dossier's ({@code sha256} null: not checked). */
    private static Booster loadBooster(Path file, String sha256) throws ModelLoadException {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (sha256 != null && !sha256.equals(sha256(raw))) {
                throw new ModelLoadException("model file " + file + " is corrupt: SHA-256 " + sha256(raw)
                        + " differs from the dossier's " + sha256);
            }
            return XGBoost.loadModel(raw); // the feature count is checked with the trees (servable)
        } catch (ModelLoadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file " + file + " is missing", e);
        } catch (IOException | XGBoostError | RuntimeException e) {
            throw new ModelLoadException("model file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** The booster's trees for the Java evaluator, or a refusal naming the file. */
    private static TreeEnsemble servable(Booster booster, Path file) throws ModelLoadException {
        try {
            return javaTrees(booster);
        } catch (RuntimeException e) {
            throw new ModelLoadException("model file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    static String libraryVersion() {
        try (InputStream in = XGBoost.class.getResourceAsStream("/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) return v;
            }
        } catch (IOException ignored) {
            // fall through
        }
        String v = XGBoost.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    static String sha256(byte[] raw) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
