package org.smartcustoms.server.risk;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.risk.RiskConfig;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.model.ModelDossier;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.risk.rules.RuleScope;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.risk.watchlist.WatchListCsv;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Owns the live risk engine: rules (versioned in the database), watch lists (CSV versions in the database)
 * and the promoted model from the registry under {@code <data-dir>/models}. Changes are validated first
 * (rules compile, CSV parses whole), stored, then swapped into the engine atomically.
 *
 * <p>Every change is appended to the {@link AuditTrail} in the same transaction as the change, whoever makes it
 * (API, CLI, demo loader): RULE_CREATED, RULE_CHANGED, RULE_DISABLED, WATCHLIST_CHANGED, MODEL_REGISTERED,
 * MODEL_PROMOTED, MODEL_ROLLED_BACK. The model registry lives in files: a promotion is audited before the
 * pointer file is written (a failed write rolls the entry back); a rollback is written first and undone if its
 * audit entry cannot be stored.
 */
@Service
public class RiskService {
    private static final Logger log = LoggerFactory.getLogger(RiskService.class);
    private final RiskStore store;
    private final Clock clock;
    private final ObjectMapper json;
    private final RuleCompiler compiler = new RuleCompiler();
    private final RiskEngine engine;
    private final ModelRegistry registry;
    private final AuditTrail audit;

    public RiskService(RiskStore store, Clock clock, ObjectMapper json, DbRiskContext context, AuditTrail audit,
                       @Value("${smartcustoms.data-dir}") String dataDir,
                       @Value("${smartcustoms.risk.yellow-threshold:40}") int yellow,
                       @Value("${smartcustoms.risk.red-threshold:70}") int red,
                       @Value("${smartcustoms.risk.random-share:0.02}") double randomShare,
                       @Value("${smartcustoms.risk.aeo-reduction:15}") int aeoReduction,
                       @Value("${smartcustoms.risk.random-seed:0}") long seed,
                       @Value("${smartcustoms.risk.target-red-rate:0}") double targetRed,
                       @Value("${smartcustoms.risk.target-yellow-rate:0}") double targetYellow) {
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
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

    public RiskEngine engine() { return engine; }

    public ModelRegistry registry() { return registry; }

    // ---- rules -------------------------------------------------------------------------------------

    /** A rule as an analyst writes it; id and version are assigned by the service. */
    public record RuleDraft(String name, String expression, Threat threat, Integer weight, RuleScope scope,
                            Map<String, Double> params, LocalDate validFrom, LocalDate validTo, Boolean enabled) { }

    @Transactional
    public Rule createRule(RuleDraft d, String actor) {
        String id = "R" + Long.toString(Math.abs(new SplittableRandom().nextLong()) % 2_000_000_000L, 36).toUpperCase();
        return saveRule(id, 1, d, actor, "RULE_CREATED", null);
    }

    /** Stores a new version of the rule (previous versions stay for the record). */
    @Transactional
    public Rule reviseRule(String id, RuleDraft d, String actor) {
        return reviseRule(id, d, actor, "RULE_CHANGED", null);
    }

    /** Stores a new version with enabled=false; audited RULE_DISABLED with the reason. */
    @Transactional
    public Rule disableRule(String id, String actor, String reason) {
        return reviseRule(id, new RuleDraft(null, null, null, null, null, null, null, null, false), actor, "RULE_DISABLED", reason);
    }

    private Rule reviseRule(String id, RuleDraft d, String actor, String action, String reason) {
        Rule current = currentRule(id).orElseThrow(() -> new RuleNotFoundException(id));
        RuleDraft merged = new RuleDraft(d.name() != null ? d.name() : current.name(),
                d.expression() != null ? d.expression() : current.expression(),
                d.threat() != null ? d.threat() : current.threat(),
                d.weight() != null ? d.weight() : current.weight(),
                d.scope() != null ? d.scope() : current.scope(),
                d.params() != null ? d.params() : current.params(),
                d.validFrom() != null ? d.validFrom() : current.validFrom(),
                d.validTo() != null ? d.validTo() : current.validTo(),
                d.enabled() != null ? d.enabled() : current.enabled());
        return saveRule(id, current.version() + 1, merged, actor, action, reason);
    }

    private Rule saveRule(String id, int version, RuleDraft d, String actor, String action, String reason) {
        if (d.expression() == null || d.expression().isBlank()) throw new IllegalArgumentException("expression is required");
        if (d.threat() == null) throw new IllegalArgumentException("threat is required: one of " + List.of(Threat.values()));
        Rule rule = new Rule(id, version, d.name(), actor, d.validFrom(), d.validTo(), d.weight() == null ? 50 : d.weight(),
                d.threat(), d.scope(), d.expression(), d.params(), d.enabled() == null || d.enabled());
        compiler.compile(rule); // throws RuleCompilationException with line/column
        store.insertRule(rule, clock.instant(), actor);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("name", rule.name());
        details.put("expression", rule.expression());
        details.put("weight", rule.weight());
        details.put("threat", rule.threat().name());
        details.put("enabled", rule.enabled());
        audit.record(actor, action, "rule", rule.ref(), reason, toJson(details));
        engine.replaceRules(RuleSet.build(loadRuleList(), compiler));
        return rule;
    }

    public Optional<Rule> currentRule(String id) {
        return store.currentRule(id);
    }

    public List<Rule> currentRules() {
        return loadRuleList();
    }

    public List<Rule> ruleHistory(String id) {
        return store.ruleHistory(id);
    }

    /** Compiles a draft without storing it (for "test this rule"). */
    public Rule compileDraft(RuleDraft d) {
        if (d.expression() == null || d.expression().isBlank()) throw new IllegalArgumentException("expression is required");
        Rule rule = new Rule("draft", 1, d.name(), "draft", null, null, d.weight() == null ? 50 : d.weight(),
                d.threat() == null ? Threat.OTHER : d.threat(), d.scope(), d.expression(), d.params(), true);
        compiler.compile(rule);
        return rule;
    }

    RuleCompiler compiler() { return compiler; }

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

    // ---- watch lists -------------------------------------------------------------------------------

    /** Kinds of watch-list file. */
    public enum WatchListKind { PARTIES, COMMODITIES }

    /** Replaces a watch list with a CSV file (validated whole; line numbers on error). Returns the entry count. */
    @Transactional
    public int importWatchList(WatchListKind kind, String csv, String actor) {
        return importWatchList(kind, csv, actor, "CSV import");
    }

    /** Same, audited WATCHLIST_CHANGED with {@code reason} (e.g. "CSV import", "entry added") in the same transaction. */
    @Transactional
    public int importWatchList(WatchListKind kind, String csv, String actor, String reason) {
        int n = kind == WatchListKind.PARTIES ? WatchListCsv.readParties(new StringReader(csv)).size()
                : WatchListCsv.readCommodities(new StringReader(csv)).size();
        store.insertWatchList(kind.name(), csv, clock.instant(), actor);
        audit.record(actor, "WATCHLIST_CHANGED", "watchlist", kind.name(), reason,
                toJson(Map.of("entries", n, "bytes", csv.length())));
        engine.replaceWatchList(loadWatchList());
        return n;
    }

    /** The CSV text currently in force for a kind, or just the header when none was imported. */
    public String watchListCsv(WatchListKind kind) {
        Optional<String> latest = store.latestWatchList(kind.name());
        if (latest.isPresent()) return latest.get();
        return kind == WatchListKind.PARTIES ? "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n"
                : "entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason\n";
    }

    public List<PartyEntry> watchedParties() { return engine.watchList().parties(); }

    public List<CommodityTarget> watchedCommodities() { return engine.watchList().commodities(); }

    private WatchList loadWatchList() {
        try {
            List<PartyEntry> parties = WatchListCsv.readParties(new StringReader(watchListCsv(WatchListKind.PARTIES)));
            List<CommodityTarget> goods = WatchListCsv.readCommodities(new StringReader(watchListCsv(WatchListKind.COMMODITIES)));
            return new WatchList(parties, goods);
        } catch (RuntimeException e) {
            log.error("Stored watch lists could not be loaded; starting empty: {}", e.getMessage());
            return WatchList.empty();
        }
    }

    // ---- models ------------------------------------------------------------------------------------

    private FraudModel loadModel() {
        try {
            if (registry.promoted().isPresent()) {
                TrainedFraudModel m = registry.loadPromoted();
                log.info("Risk model {} loaded", m.version());
                return m;
            }
        } catch (IOException | RuntimeException e) {
            log.error("Promoted model could not be loaded; scoring without a model: {}", e.getMessage());
        }
        return FraudModel.constant(0.0);
    }

    public List<ModelDossier> models() throws IOException {
        List<ModelDossier> out = new ArrayList<>();
        for (String v : registry.versions()) out.add(registry.load(v).dossier());
        return out;
    }

    public Optional<String> promotedModel() throws IOException {
        return registry.promoted();
    }

    public ModelDossier dossier(String version) throws IOException {
        if (!version.matches("[A-Za-z0-9._-]{1,80}")) throw new IllegalArgumentException("bad model version " + version);
        if (!registry.versions().contains(version)) throw new ModelNotFoundException(version);
        return registry.load(version).dossier();
    }

    /** Promotes a registered model (audited as "system"; demo loader). */
    @Transactional
    public void promote(String version) throws IOException {
        promote(version, "system");
    }

    /**
     * Promotes a registered model and puts it into the live engine; audited MODEL_PROMOTED (with the version it
     * replaces) in the same transaction, written before the registry's pointer so a failed promotion leaves no entry.
     */
    @Transactional
    public synchronized void promote(String version, String actor) throws IOException {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,80}")) throw new IllegalArgumentException("bad model version " + version);
        if (!registry.versions().contains(version)) throw new ModelNotFoundException(version);
        TrainedFraudModel m = registry.load(version); // refuses corrupt or mismatched models before promoting
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("previous", registry.promoted().orElse(null));
        details.put("boosterSha256", m.dossier().boosterSha256());
        audit.record(actor, "MODEL_PROMOTED", "model", version, null, toJson(details));
        registry.promote(version);
        engine.replaceModel(m);
    }

    /** Returns to the previously promoted model (audited as "system"). */
    @Transactional
    public String rollback() throws IOException {
        return rollback("system");
    }

    /**
     * Returns to the previously promoted model; audited MODEL_ROLLED_BACK (from → to) in the same transaction. The
     * registry is file-based, so it is changed first and re-promoted to the version it left if the entry cannot be stored.
     */
    @Transactional
    public synchronized String rollback(String actor) throws IOException {
        String from = registry.promoted().orElse(null);
        String v = registry.rollback();
        try {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("from", from);
            details.put("to", v);
            audit.record(actor, "MODEL_ROLLED_BACK", "model", v, null, toJson(details));
        } catch (RuntimeException e) {
            if (from != null) registry.promote(from);
            throw e;
        }
        engine.replaceModel(registry.load(v));
        return v;
    }

    /** Registers a trained model (not promoted); audited MODEL_REGISTERED with its dossier's fingerprints. */
    @Transactional
    public String register(TrainedFraudModel model, String actor, String reason) throws IOException {
        String v = registry.register(model);
        ModelDossier d = registry.load(v).dossier();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("version", v);
        details.put("trainingFingerprint", d.trainingFingerprint());
        details.put("boosterSha256", d.boosterSha256());
        details.put("metrics", d.metrics());
        audit.record(actor, "MODEL_REGISTERED", "model", v, reason, toJson(details));
        return v;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
