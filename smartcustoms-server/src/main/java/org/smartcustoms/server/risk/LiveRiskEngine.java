package org.smartcustoms.server.risk;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.risk.RiskConfig;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.risk.watchlist.WatchListCsv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live risk engine, built at start-up from the stored rules and watch lists and the promoted model of the
 * registry under {@code <data-dir>/models}. {@link RiskRules}, {@link RiskWatchLists} and {@link RiskModels} swap
 * their part into it after each change.
 */
@Component
class LiveRiskEngine {
    private static final Logger log = LoggerFactory.getLogger(LiveRiskEngine.class);
    private final RiskStore store;
    private final RuleCompiler compiler = new RuleCompiler();
    private final ModelRegistry registry;
    private final RiskEngine engine;

    private final boolean exactExplanations;
    private final ModelHistorySource histories;

    LiveRiskEngine(RiskStore store, Clock clock, DbRiskContext context, ModelHistorySource histories,
                   @Value("${smartcustoms.data-dir}") String dataDir,
                   @Value("${smartcustoms.risk.yellow-threshold:40}") int yellow,
                   @Value("${smartcustoms.risk.red-threshold:70}") int red,
                   @Value("${smartcustoms.risk.random-share:0.02}") double randomShare,
                   @Value("${smartcustoms.risk.aeo-reduction:15}") int aeoReduction,
                   @Value("${smartcustoms.risk.random-seed:0}") long seed,
                   @Value("${smartcustoms.risk.target-red-rate:0}") double targetRed,
                   @Value("${smartcustoms.risk.target-yellow-rate:0}") double targetYellow,
                   @Value("${smartcustoms.ml.explanations:approx}") String explanations) {
        this.exactExplanations = "exact".equalsIgnoreCase(explanations);
        this.store = store;
        this.histories = histories;
        this.registry = new ModelRegistry(Paths.get(dataDir, "models"), "kcs", clock);
        RiskConfig defaults = RiskConfig.defaults();
        RiskConfig config = defaults.withThresholds(yellow, red).withRandomShare(randomShare)
                .withAeo(aeoReduction, defaults.aeoTraders());
        if (targetRed > 0 || targetYellow > 0) {
            // channel by target inspection rates: thresholds follow the quantiles of the last 1,000 scores
            config = config.withTargetRates(targetRed, targetYellow, 1000, 100);
        }
        RandomGenerator random = seed == 0 ? new SplittableRandom() : new SplittableRandom(seed);
        this.engine = new RiskEngine(loadRules(), loadWatchList(), loadModel(), context, config, random);
    }

    RiskEngine engine() { return engine; }

    ModelRegistry registry() { return registry; }

    RuleCompiler compiler() { return compiler; }

    /** Puts the stored rules in force (throws when they do not build). */
    void reloadRules() {
        engine.replaceRules(RuleSet.build(loadRuleList(), compiler));
    }

    /** Puts the stored watch lists in force. */
    void reloadWatchList() {
        engine.replaceWatchList(loadWatchList());
    }

    /** The CSV text currently in force for a kind, or just the header when none was imported. */
    String watchListCsv(RiskService.WatchListKind kind) {
        java.util.Optional<String> latest = store.latestWatchList(kind.name());
        if (latest.isPresent()) return latest.get();
        return kind == RiskService.WatchListKind.PARTIES ? "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n"
                : "entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason\n";
    }

    private RuleSet loadRules() {
        try {
            return RuleSet.build(loadRuleList(), compiler);
        } catch (RuntimeException e) {
            log.error("Stored rules could not be loaded; starting with none: {}", e.getMessage());
            return RuleSet.empty();
        }
    }

    private List<Rule> loadRuleList() {
        return store.currentRules();
    }

    private WatchList loadWatchList() {
        try {
            List<PartyEntry> parties = WatchListCsv.readParties(new StringReader(watchListCsv(RiskService.WatchListKind.PARTIES)));
            List<CommodityTarget> goods = WatchListCsv.readCommodities(new StringReader(watchListCsv(RiskService.WatchListKind.COMMODITIES)));
            return new WatchList(parties, goods);
        } catch (RuntimeException e) {
            log.error("Stored watch lists could not be loaded; starting empty: {}", e.getMessage());
            return WatchList.empty();
        }
    }

    /**
     * {@code model} as it serves: explaining its scores as configured ({@code smartcustoms.ml.explanations=approx|exact})
     * and reading the database's history ({@link ModelHistorySource}).
     */
    TrainedFraudModel serving(TrainedFraudModel model) {
        return histories.fromDatabase(model).withExactExplanations(exactExplanations);
    }

    private FraudModel loadModel() {
        try {
            if (registry.promoted().isPresent()) {
                TrainedFraudModel m = serving(registry.loadPromoted());
                log.info("Risk model {} loaded", m.version());
                return m;
            }
        } catch (IOException | RuntimeException e) {
            log.error("Promoted model could not be loaded; scoring without a model: {}", e.getMessage());
        }
        return FraudModel.constant(0.0);
    }
}
