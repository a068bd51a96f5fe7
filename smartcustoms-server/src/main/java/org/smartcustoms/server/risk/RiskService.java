package org.smartcustoms.server.risk;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.model.ModelDossier;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.risk.rules.RuleScope;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.springframework.stereotype.Service;

/**
 * The risk capability's entry point: the live risk engine ({@link LiveRiskEngine}) and its three parts, each a
 * service of its own: {@link RiskRules} (rules, versioned in the database), {@link RiskWatchLists} (CSV versions
 * in the database) and {@link RiskModels} (the file-based model registry). Changes are validated first (rules
 * compile, CSV parses whole), stored, then swapped into the engine atomically.
 *
 * <p>Every change is appended to the {@link org.smartcustoms.server.audit.AuditTrail} in the same transaction as
 * the change, whoever makes it (API, CLI, demo loader): RULE_CREATED, RULE_CHANGED, RULE_DISABLED,
 * WATCHLIST_CHANGED, MODEL_REGISTERED, MODEL_PROMOTED, MODEL_ROLLED_BACK. This class only delegates.
 */
@Service
public class RiskService {
    private final LiveRiskEngine live;
    private final RiskRules rules;
    private final RiskWatchLists watchLists;
    private final RiskModels models;

    RiskService(LiveRiskEngine live, RiskRules rules, RiskWatchLists watchLists, RiskModels models) {
        this.live = live;
        this.rules = rules;
        this.watchLists = watchLists;
        this.models = models;
    }

    public RiskEngine engine() { return live.engine(); }

    public ModelRegistry registry() { return live.registry(); }

    RuleCompiler compiler() { return live.compiler(); }

    // ---- rules -------------------------------------------------------------------------------------

    /** A rule as an analyst writes it; id and version are assigned by the service. */
    public record RuleDraft(String name, String expression, Threat threat, Integer weight, RuleScope scope,
                            Map<String, Double> params, LocalDate validFrom, LocalDate validTo, Boolean enabled) { }

    public Rule createRule(RuleDraft d, String actor) { return rules.createRule(d, actor); }

    /** Stores a new version of the rule (previous versions stay for the record). */
    public Rule reviseRule(String id, RuleDraft d, String actor) { return rules.reviseRule(id, d, actor); }

    /** Stores a new version with enabled=false; audited RULE_DISABLED with the reason. */
    public Rule disableRule(String id, String actor, String reason) { return rules.disableRule(id, actor, reason); }

    public Optional<Rule> currentRule(String id) { return rules.currentRule(id); }

    public List<Rule> currentRules() { return rules.currentRules(); }

    public List<Rule> ruleHistory(String id) { return rules.ruleHistory(id); }

    /** Compiles a draft without storing it (for "test this rule"). */
    public Rule compileDraft(RuleDraft d) { return rules.compileDraft(d); }

    // ---- watch lists -------------------------------------------------------------------------------

    /** Kinds of watch-list file. */
    public enum WatchListKind { PARTIES, COMMODITIES }

    /** Replaces a watch list with a CSV file (validated whole; line numbers on error). Returns the entry count. */
    public int importWatchList(WatchListKind kind, String csv, String actor) {
        return watchLists.importWatchList(kind, csv, actor);
    }

    /** Same, audited WATCHLIST_CHANGED with {@code reason} (e.g. "CSV import", "entry added") in the same transaction. */
    public int importWatchList(WatchListKind kind, String csv, String actor, String reason) {
        return watchLists.importWatchList(kind, csv, actor, reason);
    }

    /** The CSV text currently in force for a kind, or just the header when none was imported. */
    public String watchListCsv(WatchListKind kind) { return watchLists.watchListCsv(kind); }

    public List<PartyEntry> watchedParties() { return watchLists.watchedParties(); }

    public List<CommodityTarget> watchedCommodities() { return watchLists.watchedCommodities(); }

    // ---- models ------------------------------------------------------------------------------------

    public List<ModelDossier> models() throws IOException { return models.models(); }

    public Optional<String> promotedModel() throws IOException { return models.promotedModel(); }

    public Optional<String> rollbackTarget() throws IOException { return models.rollbackTarget(); }

    public ModelDossier dossier(String version) throws IOException { return models.dossier(version); }

    /** Promotes a registered model (audited as "system"; demo loader). */
    public void promote(String version) throws IOException { models.promote(version); }

    /** Promotes a registered model and puts it into the live engine; audited MODEL_PROMOTED. */
    public void promote(String version, String actor) throws IOException { models.promote(version, actor); }

    /** Returns to the previously promoted model (audited as "system"). */
    public String rollback() throws IOException { return models.rollback(); }

    /** Returns to the previously promoted model; audited MODEL_ROLLED_BACK (from → to). */
    public String rollback(String actor) throws IOException { return models.rollback(actor); }

    /** Registers a trained model (not promoted); audited MODEL_REGISTERED with its dossier's fingerprints. */
    public String register(TrainedFraudModel model, String actor, String reason) throws IOException {
        return models.register(model, actor, reason);
    }
}
