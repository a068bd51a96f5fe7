package org.smartcustoms.risk.model;

/**
 * Hyper-parameters of the gradient-boosted trees and of the history replay. Defaults were chosen on KCS
 * 2020 (train) against 2021 Q1 (validation); see the dossier of each model for what was actually used.
 *
 * @param maxDepth          tree depth
 * @param eta               learning rate
 * @param rounds            maximum boosting rounds
 * @param subsample         row sampling per tree
 * @param colsample         column sampling per tree
 * @param minChildWeight    minimum hessian per leaf
 * @param nthread           XGBoost threads
 * @param earlyStopping     rounds without improvement before stopping (0 = no early stopping)
 * @param holdoutDays       last days of the training period held out to choose the number of rounds (0 = none)
 * @param labelDelayDays    labels reach the history this many days after the declaration date, mimicking
 *                          inspection results arriving late at serving time
 * @param seed              random seed
 */
public record TrainingParams(int maxDepth, double eta, int rounds, double subsample, double colsample,
                             double minChildWeight, int nthread, int earlyStopping, int holdoutDays,
                             int labelDelayDays, long seed) {
    public TrainingParams {
        if (maxDepth < 1 || rounds < 1 || nthread < 1) throw new IllegalArgumentException("maxDepth, rounds, nthread >= 1");
        if (!(eta > 0 && eta <= 1)) throw new IllegalArgumentException("eta in (0,1]");
        if (!(subsample > 0 && subsample <= 1) || !(colsample > 0 && colsample <= 1)) {
            throw new IllegalArgumentException("subsample/colsample in (0,1]");
        }
        if (earlyStopping < 0 || holdoutDays < 0 || labelDelayDays < 0) throw new IllegalArgumentException("negative");
    }

    public static TrainingParams defaults() {
        return new TrainingParams(6, 0.1, 600, 0.8, 0.8, 1, 2, 50, 61, 0, 42);
    }

    public TrainingParams withRounds(int r) {
        return new TrainingParams(maxDepth, eta, r, subsample, colsample, minChildWeight, nthread, earlyStopping,
                holdoutDays, labelDelayDays, seed);
    }

    public TrainingParams withHoldoutDays(int d) {
        return new TrainingParams(maxDepth, eta, rounds, subsample, colsample, minChildWeight, nthread, earlyStopping,
                d, labelDelayDays, seed);
    }
}
