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
 * the score up most (XGBoost TreeSHAP contributions, summed per field) as sentences for officers.
 * Expected revenue is approximate: KCS data carry no recovered amount, so the duty shortfall of an irregular
 * item is estimated as the duty on its declared value (value x duty rate; 8% when the rate is unknown),
 * i.e. assuming an irregular declaration hides about as much duty as it declares. Thread-safe.
 *
 * <p>Saved as a directory: {@code booster.ubj}, {@code dossier.json}, {@code history.bin.gz} (profiles).
 */
public final class TrainedFraudModel implements FraudModel {

    static final String BOOSTER_FILE = "booster.ubj";
    static final String DOSSIER_FILE = "dossier.json";
    static final String HISTORY_FILE = "history.bin.gz";
    static final double DEFAULT_DUTY_RATE = 8.0;

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Booster booster;
    private final HistoryStore history;
    private final ModelDossier dossier;

    TrainedFraudModel(Booster booster, HistoryStore history, ModelDossier dossier) {
        try {
            // one declaration at a time: a thread pool per call costs far more than the trees themselves
            booster.setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot configure the XGBoost booster: " + e.getMessage(), e);
        }
        this.booster = booster;
        this.history = history;
        this.dossier = dossier;
    }

    @Override
    public String version() { return dossier.version() == null ? "unregistered" : dossier.version(); }

    public ModelDossier dossier() { return dossier; }

    /** The live history: feed it arrivals ({@code observe}) and inspection outcomes ({@code record}). */
    public HistoryStore history() { return history; }

    /** Same model and state under a registry version. */
    TrainedFraudModel withVersion(String v) { return new TrainedFraudModel(booster, history, dossier.withVersion(v)); }

    TrainedFraudModel withFingerprint(String fp) {
        return new TrainedFraudModel(booster, history, dossier.withFingerprint(fp));
    }

    /**
     * Items scored below this probability get no SHAP explanation (default 0.2, system property
     * {@code smartcustoms.ml.explainFrom}); their probability is exact, only the reasons are left out.
     */
    static final double EXPLAIN_FROM = Double.parseDouble(System.getProperty("smartcustoms.ml.explainFrom", "0.2"));

    @Override
    public Prediction predict(Declaration declaration, GoodsItem item) {
        if (declaration.declarationDate() == null) throw new IllegalArgumentException("declaration date is required");
        float[] x;
        synchronized (history) { // one consistent point-in-time view for the whole vector
            x = FeatureExtractor.extract(declaration, item, history.asOf(declaration.declarationDate()));
        }
        float[] contrib = null;
        double p;
        try {
            // in-place prediction: no DMatrix to create and free (freeing one per call dominated the cost)
            synchronized (booster) {
                p = booster.inplace_predict(x, 1, x.length, Float.NaN)[0][0];
            }
            if (p >= EXPLAIN_FROM) { // SHAP costs far more than a prediction: explain only items worth a look
                DMatrix m = new DMatrix(x, 1, x.length, Float.NaN);
                try {
                    synchronized (booster) {
                        contrib = booster.predictContrib(m, 0)[0];
                    }
                } finally {
                    m.dispose();
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
        if (contrib == null) return new Prediction(p, p * dutyEstimate(item), List.of());
        List<Contribution> reasons;
        synchronized (history) {
            reasons = Explanations.top(declaration, item, x, contrib, history, 3);
        }
        return new Prediction(p, p * dutyEstimate(item), reasons);
    }

    /** Probabilities of already extracted feature rows (row-major), for batch evaluation. */
    double[] scoreFeatures(float[] rowsMajor, int rows) {
        try {
            DMatrix m = new DMatrix(rowsMajor, rows, FeatureExtractor.size(), Float.NaN);
            try {
                float[][] p;
                synchronized (booster) {
                    p = booster.predict(m);
                }
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) out[i] = p[i][0];
                return out;
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** Estimated duty at stake: declared value x duty rate (see class comment). */
    static double dutyEstimate(GoodsItem item) {
        double v = FeatureExtractor.value(item);
        if (Double.isNaN(v)) return 0;
        double rate = FeatureExtractor.taxRate(item);
        if (Double.isNaN(rate)) rate = DEFAULT_DUTY_RATE;
        return v * rate / 100.0;
    }

    // ---------------------------------------------------------------- persistence

    /** Writes the model directory (created if needed); existing files are replaced. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] raw;
        try {
            synchronized (booster) {
                raw = booster.toByteArray("ubj");
            }
        } catch (XGBoostError e) {
            throw new IOException("cannot serialise booster: " + e.getMessage(), e);
        }
        Files.write(dir.resolve(BOOSTER_FILE), raw);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(HISTORY_FILE)))) {
            history.writeTo(out);
        }
        JSON.writeValue(dir.resolve(DOSSIER_FILE).toFile(), dossier.withBoosterSha256(sha256(raw)));
    }

    /**
     * Loads a model directory. Refuses (ModelLoadException) a missing or corrupt file and a model built for
     * another feature schema than this code's {@link FeatureExtractor#schemaHash()}.
     */
    public static TrainedFraudModel load(Path dir) throws ModelLoadException {
        Path dossierFile = dir.resolve(DOSSIER_FILE);
        ModelDossier dossier;
        try {
            dossier = JSON.readValue(dossierFile.toFile(), ModelDossier.class);
        } catch (IOException e) {
            throw new ModelLoadException("model file " + dossierFile + " is missing or corrupt: " + e.getMessage(), e);
        }
        if (!FeatureExtractor.schemaHash().equals(dossier.schemaHash())) {
            throw new ModelLoadException("model " + dir + " uses another feature schema: expected "
                    + FeatureExtractor.schemaHash() + " found " + dossier.schemaHash());
        }
        Path boosterFile = dir.resolve(BOOSTER_FILE);
        Booster booster;
        try {
            byte[] raw = Files.readAllBytes(boosterFile);
            if (dossier.boosterSha256() != null && !dossier.boosterSha256().equals(sha256(raw))) {
                throw new ModelLoadException("model file " + boosterFile + " is corrupt: SHA-256 " + sha256(raw)
                        + " differs from the dossier's " + dossier.boosterSha256());
            }
            booster = XGBoost.loadModel(raw);
            if (booster.getNumFeature() != FeatureExtractor.size()) {
                throw new ModelLoadException("model file " + boosterFile + " is corrupt: it has "
                        + booster.getNumFeature() + " features, expected " + FeatureExtractor.size());
            }
        } catch (ModelLoadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file " + boosterFile + " is missing", e);
        } catch (IOException | XGBoostError | RuntimeException e) {
            throw new ModelLoadException("model file " + boosterFile + " is corrupt: " + e.getMessage(), e);
        }
        Path historyFile = dir.resolve(HISTORY_FILE);
        HistoryStore history;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(historyFile))) {
            history = HistoryStore.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("model file " + historyFile + " is missing or corrupt: " + e.getMessage(), e);
        }
        return new TrainedFraudModel(booster, history, dossier);
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
