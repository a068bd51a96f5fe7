package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java evaluator must give XGBoost4J's own probabilities and SHAP values on the same booster. */
class TreeEnsembleTest {
    static final int F = 12;
    static final int ROWS = 3_000;
    static Booster booster;
    static float[] x;

    /** Rows with interactions, noise and 15 % missing values; label depends on 5 of the 12 features. */
    @BeforeAll
    static void train() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        x = new float[ROWS * F];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < F; j++) x[i * F + j] = r.nextInt(100) < 15 ? Float.NaN : (float) r.nextGaussian();
            double a = Float.isNaN(x[i * F]) ? 0.5 : x[i * F];
            double b = Float.isNaN(x[i * F + 1]) ? -1 : x[i * F + 1];
            double logit = 1.5 * a * b + (x[i * F + 2] > 0.3f ? 1 : -1) + 0.7 * (Float.isNaN(x[i * F + 3]) ? 2 : x[i * F + 3])
                    - Math.abs(Float.isNaN(x[i * F + 4]) ? 0 : x[i * F + 4]) + 0.5 * r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        DMatrix m = new DMatrix(x, ROWS, F, Float.NaN);
        m.setLabel(y);
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("max_depth", 6);
        p.put("eta", 0.1);
        p.put("subsample", 0.8);
        p.put("colsample_bytree", 0.8);
        p.put("tree_method", "hist");
        p.put("nthread", 1);
        p.put("seed", 3);
        p.put("verbosity", 0);
        booster = XGBoost.train(m, p, 120, new HashMap<>(), null, null);
        m.dispose();
    }

    @Test
    void probabilitiesAndShapValuesMatchXgboost() throws Exception {
        TreeEnsemble t = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"));
        assertThat(t.trees()).isEqualTo(120);
        assertThat(t.features()).isEqualTo(F);
        assertThat(t.maxDepth()).isBetween(2, 6);
        DMatrix m = new DMatrix(x, ROWS, F, Float.NaN);
        float[][] p = booster.predict(m);
        float[][] c = booster.predictContrib(m, 0);
        m.dispose();
        int distinct = 0;
        double maxShapError = 0;
        for (int i = 0; i < ROWS; i++) {
            float[] row = java.util.Arrays.copyOfRange(x, i * F, (i + 1) * F);
            assertThat(t.probability(row)).as("row %d", i).isCloseTo(p[i][0], within(1e-5));
            if (Math.abs(p[i][0] - p[0][0]) > 1e-3) distinct++;
            float[] phi = t.contributions(row);
            assertThat(phi).hasSize(F + 1);
            double sum = 0;
            for (int j = 0; j <= F; j++) {
                maxShapError = Math.max(maxShapError, Math.abs(phi[j] - c[i][j]));
                sum += phi[j];
            }
            assertThat(sum).as("SHAP values add up to the margin, row %d", i).isCloseTo(t.margin(row), within(1e-4));
        }
        assertThat(maxShapError).isLessThan(1e-4);
        assertThat(distinct).as("the model is not constant").isGreaterThan(ROWS / 2);
    }

    /** XGBoost4J exposes approx_contribs only through the C API's option mask (4 = contributions, 8 = approximate). */
    @Test
    void approximateContributionsMatchXgboostApproxContribs() throws Exception {
        TreeEnsemble t = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"));
        java.lang.reflect.Field h = Booster.class.getDeclaredField("handle");
        h.setAccessible(true);
        DMatrix m = new DMatrix(x, ROWS, F, Float.NaN);
        float[][] out = new float[1][];
        java.lang.reflect.Method predict = Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI").getDeclaredMethod(
                "XGBoosterPredict", long.class, long.class, int.class, int.class, float[][].class);
        predict.setAccessible(true);
        int rc = (int) predict.invoke(null, (long) h.get(booster), m.getHandle(), 4 | 8, 0, out);
        m.dispose();
        assertThat(rc).isZero();
        assertThat(out[0]).hasSize(ROWS * (F + 1));
        double maxError = 0;
        double differsFromExact = 0;
        for (int i = 0; i < ROWS; i++) {
            float[] row = java.util.Arrays.copyOfRange(x, i * F, (i + 1) * F);
            float[] approx = t.approximateContributions(row);
            float[] exact = t.contributions(row);
            double sum = 0;
            for (int j = 0; j <= F; j++) {
                maxError = Math.max(maxError, Math.abs(approx[j] - out[0][i * (F + 1) + j]));
                differsFromExact = Math.max(differsFromExact, Math.abs(approx[j] - exact[j]));
                sum += approx[j];
            }
            assertThat(sum).isCloseTo(t.margin(row), within(1e-4));
        }
        assertThat(maxError).isLessThan(1e-4);
        assertThat(differsFromExact).as("a different method from TreeSHAP, not a copy of it").isGreaterThan(1e-3);
    }

    @Test
    void irrelevantFeaturesGetNoCreditAndMissingValuesFollowTheDefault() throws Exception {
        TreeEnsemble t = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"));
        float[] all = new float[F];
        java.util.Arrays.fill(all, Float.NaN);
        DMatrix m = new DMatrix(all, 1, F, Float.NaN);
        assertThat(t.probability(all)).isCloseTo(booster.predict(m)[0][0], within(1e-5));
        m.dispose();
        // features 5..11 are noise: on average each gets far less credit than an informative one
        double noise = 0;
        double signal = 0;
        for (int i = 0; i < 300; i++) {
            float[] phi = t.contributions(java.util.Arrays.copyOfRange(x, i * F, (i + 1) * F));
            for (int j = 0; j < 5; j++) signal += Math.abs(phi[j]);
            for (int j = 5; j < F; j++) noise += Math.abs(phi[j]);
        }
        assertThat(noise / (F - 5)).isLessThan(signal / 5 / 2);
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an XGBoost JSON model");
        String regression = "{\"learner\":{\"objective\":{\"name\":\"reg:squarederror\"}}}";
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson(regression.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("objective reg:squarederror is not supported");
        String badChild = "{\"learner\":{\"objective\":{\"name\":\"binary:logistic\"},"
                + "\"learner_model_param\":{\"num_feature\":\"2\",\"base_score\":\"5E-1\"},"
                + "\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"gbtree_model_param\":{},\"trees\":[{"
                + "\"left_children\":[1,-1,-1],\"right_children\":[7,-1,-1],\"split_indices\":[0,0,0],"
                + "\"split_conditions\":[0.5,1,2],\"default_left\":[0,0,0],\"sum_hessian\":[2,1,1]}]}}}}";
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson(badChild.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("tree 0 node 0 has invalid children");
    }
}
