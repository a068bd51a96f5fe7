package org.smartcustoms.server.risk;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Risk rules: versioned in the database, compiled before they are stored, swapped into the live engine after.
 * Every change is audited (RULE_CREATED, RULE_CHANGED, RULE_DISABLED) in the same transaction as the change and
 * announced as {@link RiskStateChanged.Rule} (cluster mode: the other nodes reload their rules once it commits).
 */
@Service
public class RiskRules {
    private final RiskStore store;
    private final Clock clock;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final LiveRiskEngine live;
    private final RuleCompiler compiler;
    private final ApplicationEventPublisher events;

    RiskRules(RiskStore store, Clock clock, ObjectMapper json, AuditTrail audit, LiveRiskEngine live, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
        this.live = live;
        this.compiler = live.compiler();
    }

    @Transactional
    public Rule createRule(RiskService.RuleDraft d, String actor) {
        String id = "R" + Long.toString(Math.abs(new SplittableRandom().nextLong()) % 2_000_000_000L, 36).toUpperCase();
        return saveRule(id, 1, d, actor, AuditAction.RULE_CREATED, null);
    }

    /** Stores a new version of the rule (previous versions stay for the record). */
    @Transactional
    public Rule reviseRule(String id, RiskService.RuleDraft d, String actor) {
        return reviseRule(id, d, actor, AuditAction.RULE_CHANGED, null);
    }

    /** Stores a new version with enabled=false; audited RULE_DISABLED with the reason. */
    @Transactional
    public Rule disableRule(String id, String actor, String reason) {
        return reviseRule(id, new RiskService.RuleDraft(null, null, null, null, null, null, null, null, false), actor, AuditAction.RULE_DISABLED, reason);
    }

    private Rule reviseRule(String id, RiskService.RuleDraft d, String actor, AuditAction action, String reason) {
        Rule current = currentRule(id).orElseThrow(() -> new RuleNotFoundException(id));
        RiskService.RuleDraft merged = new RiskService.RuleDraft(d.name() != null ? d.name() : current.name(),
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

    private Rule saveRule(String id, int version, RiskService.RuleDraft d, String actor, AuditAction action, String reason) {
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
        audit.record(actor, action, AuditSubject.RULE, rule.ref(), reason, toJson(details));
        live.reloadRules();
        events.publishEvent(new RiskStateChanged.Rule(rule.id(), rule.version()));
        return rule;
    }

    public Optional<Rule> currentRule(String id) {
        return store.currentRule(id);
    }

    public List<Rule> currentRules() {
        return store.currentRules();
    }

    public List<Rule> ruleHistory(String id) {
        return store.ruleHistory(id);
    }

    /** Compiles a draft without storing it (for "test this rule"). */
    public Rule compileDraft(RiskService.RuleDraft d) {
        if (d.expression() == null || d.expression().isBlank()) throw new IllegalArgumentException("expression is required");
        Rule rule = new Rule("draft", 1, d.name(), "draft", null, null, d.weight() == null ? 50 : d.weight(),
                d.threat() == null ? Threat.OTHER : d.threat(), d.scope(), d.expression(), d.params(), true);
        compiler.compile(rule);
        return rule;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
