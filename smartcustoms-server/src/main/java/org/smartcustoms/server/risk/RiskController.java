package org.smartcustoms.server.risk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.risk.features.ItemFeaturesExtractor;
import org.smartcustoms.risk.model.ModelDossier;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleEvaluation;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.rules.RuleStats;
import org.smartcustoms.risk.rules.RuleVariable;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.server.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Risk management for analysts (rules, watch lists, rule testing) and model administration. Every change is
 * audited by {@link RiskService} in the same transaction as the change (not here, so the CLI and other callers
 * cannot skip it).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Risk", description = "Rules, watch lists and models")
public class RiskController {
    private final RiskService risk;
    private final RiskHistoryStore history;
    private final java.time.Clock clock;
    private final DbRiskContext context;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);

    RiskController(RiskService risk, RiskHistoryStore history, DbRiskContext context, java.time.Clock clock) {
        this.risk = risk;
        this.history = history;
        this.clock = clock;
        this.context = context;
    }

    /** A rule with its live hit statistics. */
    public record RuleView(Rule rule, RuleStats stats) { }

    @Operation(summary = "Rules in force (latest version of each) with hit statistics")
    @PreAuthorize(org.smartcustoms.server.security.Role.CUSTOMS_STAFF_EXPRESSION)
    @GetMapping("/rules")
    List<RuleView> rules() {
        RuleSet set = risk.engine().rules();
        return risk.currentRules().stream().map(r -> new RuleView(r, set.stats(r.id()).orElse(null))).toList();
    }

    /** A variable rules may read, for the analysts' help. */
    public record RuleVariableView(String name, String type, String celType, String level, String unit,
                                   String description) { }

    @Operation(summary = "The variables a rule expression may read: name, type, level (item, declaration or rule), unit and description")
    @PreAuthorize(org.smartcustoms.server.security.Role.CUSTOMS_STAFF_EXPRESSION)
    @GetMapping("/rules/variables")
    List<RuleVariableView> variables() {
        return RuleVariable.catalogue().stream().map(v -> new RuleVariableView(v.variable(), v.type().words(),
                v.type().celType().name(), v.level().name().toLowerCase(java.util.Locale.ROOT), v.unit(),
                v.description())).toList();
    }

    /** A rule that failed at run time since the rules in force were loaded. */
    public record FailingRule(String ruleId, String ruleRef, String name, long evaluations, long errors, String lastError) { }

    /** What failed while scoring: rules (per rule, since the rules in force were loaded) and the model (since start). */
    public record ErrorReport(long ruleEvaluations, long ruleErrors, List<FailingRule> failingRules, String model,
                              long modelErrors, String lastModelError) { }

    @Operation(summary = "The rule error report: rules that failed at run time (and were skipped) and model failures",
            description = "Rule counts cover the rules in force since they were last loaded; model counts since the server started.")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @GetMapping("/rules/errors")
    ErrorReport errors() {
        var engine = risk.engine();
        RuleSet set = engine.rules();
        List<FailingRule> failing = set.failingRules().stream().map(st -> {
            int at = st.ruleRef().lastIndexOf('@');
            String id = at < 0 ? st.ruleRef() : st.ruleRef().substring(0, at);
            String name = set.rule(id).map(Rule::name).orElse(id);
            return new FailingRule(id, st.ruleRef(), name, st.evaluations(), st.errors(), st.lastError());
        }).toList();
        return new ErrorReport(set.totalEvaluations(), set.totalErrors(), failing, engine.model().version(),
                engine.modelErrors(), engine.lastModelError());
    }

    @Operation(summary = "All versions of a rule")
    @PreAuthorize(org.smartcustoms.server.security.Role.CUSTOMS_STAFF_EXPRESSION)
    @GetMapping("/rules/{id}")
    List<Rule> rule(@PathVariable String id) {
        List<Rule> versions = risk.ruleHistory(id);
        if (versions.isEmpty()) throw new RuleNotFoundException(id);
        return versions;
    }

    @Operation(summary = "Create a rule (CEL expression); 422 with line and column when it does not compile")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping("/rules")
    ResponseEntity<Rule> create(@RequestBody RiskService.RuleDraft draft) {
        String who = CurrentUser.get().username();
        Rule r = risk.createRule(draft, who);
        return ResponseEntity.status(HttpStatus.CREATED).body(r);
    }

    @Operation(summary = "Change a rule: stores a new version")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PutMapping("/rules/{id}")
    Rule revise(@PathVariable String id, @RequestBody RiskService.RuleDraft draft) {
        String who = CurrentUser.get().username();
        return risk.reviseRule(id, draft, who);
    }

    @Operation(summary = "Disable a rule (new version with enabled=false)")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping("/rules/{id}/disable")
    Rule disable(@PathVariable String id, @RequestBody(required = false) Map<String, String> body) {
        String who = CurrentUser.get().username();
        return risk.disableRule(id, who, body == null ? null : body.get("reason"));
    }

    /** Result of testing a rule against recent declarations. */
    public record RuleTest(int days, int evaluated, int hits, int inspected, int irregular, List<String> sampleHits) { }

    @Operation(summary = "Test a rule against the declarations of the last N days (default 30) without storing it",
            description = "Says how many declarations it would hit and, of those with an inspection result, how many were irregular.")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping("/rules/test")
    RuleTest test(@RequestBody RiskService.RuleDraft draft, @RequestParam(defaultValue = "30") int days) {
        Rule rule = risk.compileDraft(draft);
        RuleSet single = RuleSet.build(List.of(rule), risk.compiler());
        ItemFeaturesExtractor features = new ItemFeaturesExtractor(context);
        java.time.Instant since = LocalDate.now(clock).minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
        int[] counts = new int[4];
        List<String> sample = new ArrayList<>();
        history.submittedSince(since, 20000, row -> {
            Declaration d = json.read(row.payload());
            counts[0]++;
            RuleEvaluation ev = single.evaluate(features.extract(d), partyIds(d), d.declarationDate());
            if (!ev.hits().isEmpty()) {
                counts[1]++;
                if (sample.size() < 20) sample.add(row.id());
                if (row.inspected() > 0) counts[2]++;
                if (row.irregular() > 0) counts[3]++;
            }
        });
        return new RuleTest(days, counts[0], counts[1], counts[2], counts[3], sample);
    }

    private static List<String> partyIds(Declaration d) {
        return d.parties().stream().map(p -> p.id()).filter(java.util.Objects::nonNull).distinct().toList();
    }

    @Operation(summary = "Watched parties")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN','OFFICER')")
    @GetMapping("/watchlists/parties")
    List<PartyEntry> parties() {
        return risk.watchedParties();
    }

    @Operation(summary = "Watched commodities (HS prefix + origin + period)")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN','OFFICER')")
    @GetMapping("/watchlists/commodities")
    List<CommodityTarget> commodities() {
        return risk.watchedCommodities();
    }

    @Operation(summary = "Add a watched party")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping("/watchlists/parties")
    ResponseEntity<Map<String, Object>> addParty(@RequestBody PartyEntry e) {
        String line = WatchListLines.party(e);
        return append(RiskService.WatchListKind.PARTIES, line);
    }

    @Operation(summary = "Add a watched commodity target")
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping("/watchlists/commodities")
    ResponseEntity<Map<String, Object>> addCommodity(@RequestBody CommodityTarget t) {
        String line = WatchListLines.commodity(t);
        return append(RiskService.WatchListKind.COMMODITIES, line);
    }

    @Operation(summary = "Replace a watch list with a CSV file (kind=parties|commodities); rejected whole with line numbers on error",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/plain")}))
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    @PostMapping(value = "/watchlists/import", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Map<String, Object>> importCsv(@RequestParam String kind, HttpServletRequest request) throws IOException {
        RiskService.WatchListKind k = RiskService.WatchListKind.valueOf(kind.trim().toUpperCase());
        String body = new String(org.smartcustoms.server.web.RequestBodies.readLimited(request.getInputStream(), 16L * 1024 * 1024),
                StandardCharsets.UTF_8);
        String who = CurrentUser.get().username();
        int n = risk.importWatchList(k, body, who, "CSV import");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("kind", k, "entries", n));
    }

    private ResponseEntity<Map<String, Object>> append(RiskService.WatchListKind kind, String line) {
        String current = risk.watchListCsv(kind);
        String next = (current.endsWith("\n") ? current : current + "\n") + line + "\n";
        String who = CurrentUser.get().username();
        int n = risk.importWatchList(kind, next, who, "entry added");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("kind", kind, "entries", n));
    }

    @Operation(summary = "Registered models with their dossiers, which one is promoted, and which one a rollback would return to (rollbackTo, absent when there is none)")
    @PreAuthorize("hasAnyRole('ADMIN','ANALYST','AUDITOR')")
    @GetMapping("/models")
    Map<String, Object> models() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("promoted", risk.promotedModel().orElse(null));
        out.put("live", risk.engine().model().version());
        out.put("rollbackTo", risk.rollbackTarget().orElse(null));
        out.put("models", risk.models());
        return out;
    }

    @Operation(summary = "A model's dossier: data fingerprint and period, features, parameters, metrics, library version")
    @PreAuthorize("hasAnyRole('ADMIN','ANALYST','AUDITOR')")
    @GetMapping("/models/{version}")
    ModelDossier model(@PathVariable String version) throws IOException {
        return risk.dossier(version);
    }

    @Operation(summary = "Promote a model version (ADMIN): it scores from now on")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/models/{version}/promote")
    Map<String, String> promote(@PathVariable String version) throws IOException {
        risk.promote(version, CurrentUser.get().username());
        return Map.of("promoted", version);
    }

    @Operation(summary = "Roll back to the previously promoted model (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/models/rollback")
    Map<String, String> rollback() throws IOException {
        String v = risk.rollback(CurrentUser.get().username());
        return Map.of("promoted", v);
    }
}
