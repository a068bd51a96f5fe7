package org.smartcustoms.server.risk;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Owns the live risk engine: rules (versioned in the database), watch lists (CSV versions in the database)
 * and the promoted model from the registry under {@code <data-dir>/models}. Changes are validated first
 * (rules compile, CSV parses whole), stored, then swapped into the engine atomically.
 */
@Service
public class RiskService {
    private static final Logger log = LoggerFactory.getLogger(RiskService.class);
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    private final RuleCompiler compiler = new RuleCompiler();
    private final RiskEngine engine;
    private final ModelRegistry registry;

    public RiskService(JdbcTemplate jdbc, Clock clock, ObjectMapper json, DbRiskContext context,
                       @Value("${smartcustoms.data-dir}") String dataDir,
                       @Value("${smartcustoms.risk.yellow-threshold:40}") int yellow,
                       @Value("${smartcustoms.risk.red-threshold:70}") int red,
                       @Value("${smartcustoms.risk.random-share:0.02}") double randomShare,
                       @Value("${smartcustoms.risk.aeo-reduction:15}") int aeoReduction,
                       @Value("${smartcustoms.risk.random-seed:0}") long seed,
                       @Value("${smartcustoms.risk.target-red-rate:0}") double targetRed,
                       @Value("${smartcustoms.risk.target-yellow-rate:0}") double targetYellow) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.registry = new ModelRegistry(Paths.get(dataDir, "models"));
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
        return saveRule(id, 1, d, actor);
    }

    /** Stores a new version of the rule (previous versions stay for the record). */
    @Transactional
    public Rule reviseRule(String id, RuleDraft d, String actor) {
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
        return saveRule(id, current.version() + 1, merged, actor);
    }

    private Rule saveRule(String id, int version, RuleDraft d, String actor) {
        if (d.expression() == null || d.expression().isBlank()) throw new IllegalArgumentException("expression is required");
        if (d.threat() == null) throw new IllegalArgumentException("threat is required: one of " + List.of(Threat.values()));
        Rule rule = new Rule(id, version, d.name(), actor, d.validFrom(), d.validTo(), d.weight() == null ? 50 : d.weight(),
                d.threat(), d.scope(), d.expression(), d.params(), d.enabled() == null || d.enabled());
        compiler.compile(rule); // throws RuleCompilationException with line/column
        RuleScope s = rule.scope();
        jdbc.update("""
                INSERT INTO risk_rule (id, version, name, owner, valid_from, valid_to, weight, threat, hs_prefix, origin,
                  party_id, office_id, expression, params, enabled, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rule.id(), rule.version(), rule.name(), rule.owner(), date(rule.validFrom()), date(rule.validTo()),
                rule.weight(), rule.threat().name(), s.hsPrefix(), s.origin(), s.partyId(), s.officeId(), rule.expression(),
                writeParams(rule.params()), rule.enabled(), Timestamp.from(clock.instant()), actor);
        engine.replaceRules(RuleSet.build(loadRuleList(), compiler));
        return rule;
    }

    public Optional<Rule> currentRule(String id) {
        return loadRuleList(id).stream().findFirst();
    }

    public List<Rule> currentRules() {
        return loadRuleList();
    }

    public List<Rule> ruleHistory(String id) {
        return jdbc.query("SELECT * FROM risk_rule WHERE id = ? ORDER BY version", (rs, n) -> mapRule(rs), id);
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
        return loadRuleList(null);
    }

    private List<Rule> loadRuleList(String onlyId) {
        String sql = """
                SELECT r.* FROM risk_rule r WHERE r.version = (SELECT MAX(v.version) FROM risk_rule v WHERE v.id = r.id)"""
                + (onlyId == null ? "" : " AND r.id = ?") + " ORDER BY r.id";
        return onlyId == null ? jdbc.query(sql, (rs, n) -> mapRule(rs)) : jdbc.query(sql, (rs, n) -> mapRule(rs), onlyId);
    }

    private Rule mapRule(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Date from = rs.getDate("valid_from");
        java.sql.Date to = rs.getDate("valid_to");
        return new Rule(rs.getString("id"), rs.getInt("version"), rs.getString("name"), rs.getString("owner"),
                from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(), rs.getInt("weight"),
                Threat.valueOf(rs.getString("threat")),
                new RuleScope(rs.getString("hs_prefix"), rs.getString("origin"), rs.getString("party_id"), rs.getString("office_id")),
                rs.getString("expression"), readParams(rs.getString("params")), rs.getBoolean("enabled"));
    }

    private String writeParams(Map<String, Double> p) {
        try {
            return p == null || p.isEmpty() ? null : json.writeValueAsString(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("params must be a map of numbers");
        }
    }

    private Map<String, Double> readParams(String s) {
        if (s == null || s.isBlank()) return Map.of();
        try {
            return json.readValue(s, new TypeReference<HashMap<String, Double>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored rule params unreadable", e);
        }
    }

    private static java.sql.Date date(LocalDate d) {
        return d == null ? null : java.sql.Date.valueOf(d);
    }

    // ---- watch lists -------------------------------------------------------------------------------

    /** Kinds of watch-list file. */
    public enum WatchListKind { PARTIES, COMMODITIES }

    /** Replaces a watch list with a CSV file (validated whole; line numbers on error). Returns the entry count. */
    @Transactional
    public int importWatchList(WatchListKind kind, String csv, String actor) {
        int n = kind == WatchListKind.PARTIES ? WatchListCsv.readParties(new StringReader(csv)).size()
                : WatchListCsv.readCommodities(new StringReader(csv)).size();
        jdbc.update("INSERT INTO watchlist_file (kind, content, imported_at, imported_by) VALUES (?, ?, ?, ?)",
                kind.name(), csv, Timestamp.from(clock.instant()), actor);
        engine.replaceWatchList(loadWatchList());
        return n;
    }

    /** The CSV text currently in force for a kind, or just the header when none was imported. */
    public String watchListCsv(WatchListKind kind) {
        List<String> latest = jdbc.queryForList("SELECT content FROM watchlist_file WHERE kind = ? ORDER BY id DESC LIMIT 1",
                String.class, kind.name());
        if (!latest.isEmpty()) return latest.get(0);
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

    /** Promotes a registered model and puts it into the live engine. */
    public synchronized void promote(String version) throws IOException {
        TrainedFraudModel m = registry.load(version); // refuses corrupt or mismatched models before promoting
        registry.promote(version);
        engine.replaceModel(m);
    }

    /** Returns to the previously promoted model. */
    public synchronized String rollback() throws IOException {
        String v = registry.rollback();
        engine.replaceModel(registry.load(v));
        return v;
    }
}
