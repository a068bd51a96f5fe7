package org.smartcustoms.risk.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and type-checks rule expressions against the risk variables (see {@link RuleVariable}) and
 * shares one CEL program per distinct expression text: at 1.5 million rules built from a few templates
 * only the templates are compiled and held in memory. Thread-safe.
 */
public final class RuleCompiler {
    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final Map<String, Compiled> programs = new ConcurrentHashMap<>();

    /**
     * One distinct expression, compiled: the CEL program (the reference semantics), the plain-Java fast path
     * if the expression has a simple shape (null otherwise, see {@link FastPath}), and whether it reads only
     * declaration-level features.
     */
    record Compiled(CelRuntime.Program program, FastPath.Compiled fast, boolean declarationLevel) { }

    public RuleCompiler() {
        var b = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
        RuleVariable.celDeclarations().forEach(b::addVar);
        this.compiler = b.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    }

    /**
     * Checks the rule's expression and returns its (shared) program.
     *
     * @throws RuleCompilationException with the 1-based line and column of the first error
     */
    public CelRuntime.Program compile(Rule rule) {
        return compiled(rule).program();
    }

    /** Like {@link #compile(Rule)}, with the fast path and the declaration-level flag. */
    Compiled compiled(Rule rule) {
        String text = rule.expression();
        Compiled p = programs.get(text);
        if (p != null) return p;
        Compiled compiled = compileText(rule.id(), text);
        Compiled prior = programs.putIfAbsent(text, compiled);
        return prior != null ? prior : compiled;
    }

    /** Number of distinct programs held (one per distinct expression text). */
    public int distinctPrograms() {
        return programs.size();
    }

    private Compiled compileText(String ruleId, String text) {
        CelValidationResult result = compiler.compile(text);
        if (result.hasError()) throw RuleCompilationException.of(ruleId, result.getErrors());
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(runtime.createProgram(ast), FastPath.compile(ast),
                    FastPath.declarationLevel(ast.getExpr()));
        } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
            throw new RuleCompilationException(ruleId, 1, 1, List.of(String.valueOf(e.getMessage())));
        }
    }
}
