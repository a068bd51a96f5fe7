package org.smartcustoms.risk.rules;

/** Hit statistics of one rule since the rule set was loaded; {@code lastError} is null if it never failed. */
public record RuleStats(String ruleRef, long evaluations, long hits, long errors, String lastError) { }
