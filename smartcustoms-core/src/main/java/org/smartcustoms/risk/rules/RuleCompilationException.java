package org.smartcustoms.risk.rules;

import java.util.List;

/**
 * A rule whose CEL expression does not parse or type-check. {@code line} and {@code column} (both
 * 1-based) point at the first error so the rule author can fix it; {@code problems} lists them all.
 */
public class RuleCompilationException extends RuntimeException {
    private final String ruleId;
    private final int line;
    private final int column;
    private final List<String> problems;

    public RuleCompilationException(String ruleId, int line, int column, List<String> problems) {
        super("rule " + ruleId + " does not compile at line " + line + ", column " + column + ": "
                + (problems.isEmpty() ? "unknown error" : problems.get(0)));
        this.ruleId = ruleId;
        this.line = line;
        this.column = column;
        this.problems = List.copyOf(problems);
    }

    public String ruleId() { return ruleId; }
    public int line() { return line; }
    public int column() { return column; }
    public List<String> problems() { return problems; }
}
