package org.smartcustoms.risk;

import java.util.Set;

/**
 * Tunables of the decision, with {@link #defaults()}.
 *
 * <ul>
 *   <li>{@code yellowThreshold}/{@code redThreshold}: score limits of the channels (and of MEDIUM/HIGH in the
 *   scorecard).</li>
 *   <li>{@code targetRedRate}/{@code targetYellowRate}: when &gt; 0, the channel limits instead follow the
 *   quantiles of the last {@code windowSize} scores so that about that share goes red / yellow; the fixed
 *   thresholds apply until {@code minWindow} scores were seen.</li>
 *   <li>{@code partyHitFloor}/{@code commodityHitFloor}: minimum score when a listed trader / commodity target
 *   matches; {@code watchListForcesRed}: a trader hit is always RED (even in target-rate mode).</li>
 *   <li>{@code aeoReduction}: points taken off for AEO-certified declarants/importers (an authorisation holder
 *   with category "AEO...", or an id in {@code aeoTraders}), never below a watch-list floor.</li>
 *   <li>{@code randomShare}: share of all declarations selected at random (at least YELLOW, flagged), drawn
 *   independently of the score so the selections form an unbiased sample for learning.</li>
 * </ul>
 */
public record RiskConfig(int yellowThreshold, int redThreshold, double targetRedRate, double targetYellowRate,
                         int windowSize, int minWindow, int partyHitFloor, int commodityHitFloor,
                         boolean watchListForcesRed, int aeoReduction, Set<String> aeoTraders, double randomShare,
                         int maxModelReasons) {
    public RiskConfig {
        if (yellowThreshold < 0 || redThreshold > 100 || yellowThreshold > redThreshold) {
            throw new IllegalArgumentException("need 0 <= yellowThreshold <= redThreshold <= 100");
        }
        if (targetRedRate < 0 || targetYellowRate < 0 || targetRedRate + targetYellowRate > 1) {
            throw new IllegalArgumentException("target rates must be >= 0 and sum to <= 1");
        }
        if (windowSize < 1 || minWindow < 0) throw new IllegalArgumentException("windowSize must be >= 1");
        if (partyHitFloor < 0 || partyHitFloor > 100 || commodityHitFloor < 0 || commodityHitFloor > 100) {
            throw new IllegalArgumentException("floors must be in 0..100");
        }
        if (aeoReduction < 0 || aeoReduction > 100) throw new IllegalArgumentException("aeoReduction must be in 0..100");
        if (!(randomShare >= 0 && randomShare <= 1)) throw new IllegalArgumentException("randomShare must be in [0,1]");
        if (maxModelReasons < 0) throw new IllegalArgumentException("maxModelReasons must be >= 0");
        aeoTraders = aeoTraders == null ? Set.of() : Set.copyOf(aeoTraders);
    }

    public static RiskConfig defaults() {
        return new RiskConfig(40, 70, 0, 0, 10_000, 500, 90, 60, true, 20, Set.of(), 0.02, 3);
    }

    public RiskConfig withThresholds(int yellow, int red) {
        return new RiskConfig(yellow, red, targetRedRate, targetYellowRate, windowSize, minWindow, partyHitFloor,
                commodityHitFloor, watchListForcesRed, aeoReduction, aeoTraders, randomShare, maxModelReasons);
    }

    public RiskConfig withTargetRates(double red, double yellow, int window, int min) {
        return new RiskConfig(yellowThreshold, redThreshold, red, yellow, window, min, partyHitFloor,
                commodityHitFloor, watchListForcesRed, aeoReduction, aeoTraders, randomShare, maxModelReasons);
    }

    public RiskConfig withRandomShare(double share) {
        return new RiskConfig(yellowThreshold, redThreshold, targetRedRate, targetYellowRate, windowSize, minWindow,
                partyHitFloor, commodityHitFloor, watchListForcesRed, aeoReduction, aeoTraders, share, maxModelReasons);
    }

    public RiskConfig withAeo(int reduction, Set<String> traders) {
        return new RiskConfig(yellowThreshold, redThreshold, targetRedRate, targetYellowRate, windowSize, minWindow,
                partyHitFloor, commodityHitFloor, watchListForcesRed, reduction, traders, randomShare, maxModelReasons);
    }

    boolean targetRateMode() {
        return targetRedRate > 0 || targetYellowRate > 0;
    }
}
