package org.smartcustoms.travel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.risk.rules.RuleCompilationException;

import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Passenger-data rules in force, compiled with CEL against {@link PassengerVariable} (the same language, compiler and
 * error reporting as the risk engine's cargo rules: {@link RuleCompilationException} with line and column). Evaluated
 * at pre-arrival screening and at the gate; an evaluation that fails counts as no hit and is reported. Immutable.
 */
public final class PassengerRules {
    private static final CelCompiler COMPILER;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    static {
        var b = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
        PassengerVariable.celDeclarations().forEach(b::addVar);
        COMPILER = b.build();
    }

    private record Compiled(PassengerRule rule, CelRuntime.Program program) { }

    private final List<Compiled> rules;

    private PassengerRules(List<Compiled> rules) {
        this.rules = List.copyOf(rules);
    }

    public static PassengerRules none() { return new PassengerRules(List.of()); }

    /** Compiles the enabled rules; throws {@link RuleCompilationException} for the first that does not compile. */
    public static PassengerRules of(List<PassengerRule> rules) {
        List<Compiled> out = new ArrayList<>();
        for (PassengerRule r : rules) if (r.enabled()) out.add(new Compiled(r, compile(r)));
        return new PassengerRules(out);
    }

    /** Checks an expression (line and column of the first error). */
    public static void check(PassengerRule r) {
        compile(r);
    }

    public int size() { return rules.size(); }

    /** The rules this traveller hits, in the order they were given. */
    public List<PassengerRule> hits(PassengerFacts facts) {
        if (rules.isEmpty()) return List.of();
        List<PassengerRule> out = new ArrayList<>(0);
        for (Compiled c : rules) {
            try {
                Object v = c.program().eval(name -> {
                    PassengerVariable var = PassengerVariable.named(name);
                    return var == null ? Optional.empty() : Optional.of(var.value(facts));
                });
                if (Boolean.TRUE.equals(v)) out.add(c.rule());
            } catch (CelEvaluationException e) {
                // e.g. a division by zero on these facts: no hit (the rule stays in force for the others)
            }
        }
        return out;
    }

    private static CelRuntime.Program compile(PassengerRule r) {
        CelValidationResult result = COMPILER.compile(r.expression());
        if (result.hasError()) throw RuleCompilationException.of(r.id(), result.getErrors());
        try {
            return RUNTIME.createProgram(result.getAst());
        } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
            throw new RuleCompilationException(r.id(), 1, 1, List.of(String.valueOf(e.getMessage())));
        }
    }
}
