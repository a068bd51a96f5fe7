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

    /** The errors of a CEL compilation, the first one's 1-based line and column leading (shared by every CEL rule kind). */
    public static RuleCompilationException of(String ruleId, Iterable<dev.cel.common.CelIssue> issues) {
        List<String> problems = new java.util.ArrayList<>();
        int line = 1;
        int column = 1;
        boolean first = true;
        for (dev.cel.common.CelIssue issue : issues) {
            dev.cel.common.CelSourceLocation loc = issue.getSourceLocation();
            int l = loc == dev.cel.common.CelSourceLocation.NONE ? 1 : loc.getLine();
            int c = loc == dev.cel.common.CelSourceLocation.NONE ? 1 : loc.getColumn() + 1;
            problems.add("line " + l + ", column " + c + ": " + issue.getMessage());
            if (first) {
                line = l;
                column = c;
                first = false;
            }
        }
        return new RuleCompilationException(ruleId, line, column, problems);
    }

    public String ruleId() { return ruleId; }
    public int line() { return line; }
    public int column() { return column; }
    public List<String> problems() { return problems; }
}
