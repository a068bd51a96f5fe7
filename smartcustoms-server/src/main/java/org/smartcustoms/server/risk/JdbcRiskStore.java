package org.smartcustoms.server.risk;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link RiskStore} on the {@code risk_rule} and {@code watchlist_file} tables. */
@Repository
class JdbcRiskStore implements RiskStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    JdbcRiskStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void insertRule(Rule rule, Instant at, String actor) {
        RuleScope s = rule.scope();
        jdbc.update("""
                INSERT INTO risk_rule (id, version, name, owner, valid_from, valid_to, weight, threat, hs_prefix, origin,
                  party_id, office_id, expression, params, enabled, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rule.id(), rule.version(), rule.name(), rule.owner(), date(rule.validFrom()), date(rule.validTo()),
                rule.weight(), rule.threat().name(), s.hsPrefix(), s.origin(), s.partyId(), s.officeId(), rule.expression(),
                writeParams(rule.params()), rule.enabled(), Timestamp.from(at), actor);
    }

    @Override
    public List<Rule> currentRules() {
        return loadRuleList(null);
    }

    @Override
    public Optional<Rule> currentRule(String id) {
        return loadRuleList(id).stream().findFirst();
    }

    @Override
    public List<Rule> ruleHistory(String id) {
        return jdbc.query("SELECT * FROM risk_rule WHERE id = ? ORDER BY version", (rs, n) -> mapRule(rs), id);
    }

    private List<Rule> loadRuleList(String onlyId) {
        String sql = """
                SELECT r.* FROM risk_rule r WHERE r.version = (SELECT MAX(v.version) FROM risk_rule v WHERE v.id = r.id)"""
                + (onlyId == null ? "" : " AND r.id = ?") + " ORDER BY r.id";
        return onlyId == null ? jdbc.query(sql, (rs, n) -> mapRule(rs)) : jdbc.query(sql, (rs, n) -> mapRule(rs), onlyId);
    }

    @Override
    public void insertWatchList(String kind, String csv, Instant at, String actor) {
        jdbc.update("INSERT INTO watchlist_file (kind, content, imported_at, imported_by) VALUES (?, ?, ?, ?)",
                kind, csv, Timestamp.from(at), actor);
    }

    @Override
    public long latestWatchListVersion(String kind) {
        Long v = jdbc.queryForObject("SELECT MAX(id) FROM watchlist_file WHERE kind = ?", Long.class, kind);
        return v == null ? 0 : v;
    }

    @Override
    public Optional<String> latestWatchList(String kind) {
        List<String> latest = jdbc.queryForList("SELECT content FROM watchlist_file WHERE kind = ? ORDER BY id DESC LIMIT 1",
                String.class, kind);
        return latest.isEmpty() ? Optional.empty() : Optional.ofNullable(latest.get(0));
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
}
