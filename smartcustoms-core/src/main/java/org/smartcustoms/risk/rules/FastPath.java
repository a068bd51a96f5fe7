package org.smartcustoms.risk.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.smartcustoms.risk.features.ItemFeatures;

/**
 * Plain-Java evaluation of the common simple rule shapes, compiled from the <em>checked</em> CEL AST of a
 * rule: {@code &&}, {@code ||}, {@code !}, comparisons between a variable, a literal or {@code params.x}
 * (numbers, strings, booleans), {@code in} a list of literals, and {@code startsWith} / {@code endsWith} /
 * {@code contains} on strings. Anything else (arithmetic, conversions, macros, ternaries, regexes...) gives
 * no fast path and the rule runs in CEL.
 *
 * <p>CEL stays the language and the source of truth: a rule is always type-checked by CEL first, and the
 * fast path only replaces the interpreter where it provably computes the same value. Within the shapes
 * accepted here the only possible run-time error is a missing {@code params} key, so {@link RuleSet} uses
 * the fast path for a rule only if its params hold every key the expression reads (see
 * {@link Compiled#paramKeys()}); otherwise CEL evaluates it and reports the error as before. Without errors
 * CEL's commutative {@code &&}/{@code ||} and Java's short-circuit ones agree.
 *
 * <p>Separately, {@link #variables} tells which variables an expression reads, so that rules reading only
 * declaration-level features can be evaluated once per declaration instead of once per item.
 */
final class FastPath {
    private FastPath() { }

    /**
     * A compiled predicate over one item's features and one rule's params: the values of
     * {@link Compiled#paramKeys()}, in that order, at {@code params[base...]}.
     */
    interface Pred {
        boolean test(ItemFeatures f, double[] params, int base);
    }

    private interface Dbl {
        double get(ItemFeatures f, double[] params, int base);
    }

    private interface Lng {
        long get(ItemFeatures f, double[] params, int base);
    }

    private interface Str {
        String get(ItemFeatures f, double[] params, int base);
    }

    /** A fast predicate and the params keys it reads (a rule must provide them all to use it). */
    record Compiled(Pred pred, List<String> paramKeys) { }

    /** Whether two items agree on every declaration-level variable of the {@link RuleVariable} catalogue. */
    static boolean sameDeclarationLevel(ItemFeatures a, ItemFeatures b) {
        for (Function<ItemFeatures, String> v : DECLARATION_TEXT) if (!v.apply(a).equals(v.apply(b))) return false;
        for (ToDoubleFunction<ItemFeatures> v : DECLARATION_NUMBER) {
            if (Double.compare(v.applyAsDouble(a), v.applyAsDouble(b)) != 0) return false;
        }
        for (ToLongFunction<ItemFeatures> v : DECLARATION_WHOLE) if (v.applyAsLong(a) != v.applyAsLong(b)) return false;
        for (Predicate<ItemFeatures> v : DECLARATION_FLAG) if (v.test(a) != v.test(b)) return false;
        return true;
    }

    // the accessors of the declaration-level variables, by type (params are the rule's, the same on every item);
    // arrays, not lists: this runs for every multi-item declaration and must not allocate iterators
    @SuppressWarnings("unchecked")
    private static final Function<ItemFeatures, String>[] DECLARATION_TEXT =
            declarationLevel(RuleVariable::textAccessor).toArray(Function[]::new);
    @SuppressWarnings("unchecked")
    private static final ToDoubleFunction<ItemFeatures>[] DECLARATION_NUMBER =
            declarationLevel(RuleVariable::numberAccessor).toArray(ToDoubleFunction[]::new);
    @SuppressWarnings("unchecked")
    private static final ToLongFunction<ItemFeatures>[] DECLARATION_WHOLE =
            declarationLevel(RuleVariable::wholeAccessor).toArray(ToLongFunction[]::new);
    @SuppressWarnings("unchecked")
    private static final Predicate<ItemFeatures>[] DECLARATION_FLAG =
            declarationLevel(RuleVariable::flagAccessor).toArray(Predicate[]::new);

    private static <A> List<A> declarationLevel(Function<RuleVariable, A> accessor) {
        return RuleVariable.catalogue().stream().filter(v -> v.level() == RuleVariable.Level.DECLARATION)
                .map(accessor).filter(java.util.Objects::nonNull).toList();
    }

    /** The identifiers (variables) an expression reads, from its AST. */
    static Set<String> variables(CelExpr e) {
        Set<String> out = new TreeSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(CelExpr e, Set<String> out) {
        switch (e.getKind()) {
            case IDENT -> out.add(e.ident().name());
            case SELECT -> collect(e.select().operand(), out);
            case CALL -> {
                e.call().target().ifPresent(t -> collect(t, out));
                for (CelExpr a : e.call().args()) collect(a, out);
            }
            case LIST -> { for (CelExpr a : e.list().elements()) collect(a, out); }
            case MAP -> e.map().entries().forEach(en -> { collect(en.key(), out); collect(en.value(), out); });
            case STRUCT -> e.struct().entries().forEach(en -> collect(en.value(), out));
            case COMPREHENSION -> {
                // variables bound by the comprehension are not features; over-approximating is safe
                var c = e.comprehension();
                collect(c.iterRange(), out);
                collect(c.accuInit(), out);
                collect(c.loopCondition(), out);
                collect(c.loopStep(), out);
                collect(c.result(), out);
                out.add("<comprehension>");
            }
            default -> { }
        }
    }

    /** Whether the expression reads only declaration-level features (so one result holds for all items). */
    static boolean declarationLevel(CelExpr e) {
        return RuleVariable.declarationLevelNames().containsAll(variables(e));
    }

    /** The fast path for a checked AST, or null when the expression has a shape not handled here. */
    static Compiled compile(CelAbstractSyntaxTree ast) {
        if (!ast.isChecked()) return null;
        List<String> keys = new ArrayList<>();
        try {
            Pred p = new Builder(ast, keys).bool(ast.getExpr());
            return p == null ? null : new Compiled(p, List.copyOf(keys));
        } catch (Unsupported e) {
            return null;
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Builder {
        private final CelAbstractSyntaxTree ast;
        private final List<String> keys;

        Builder(CelAbstractSyntaxTree ast, List<String> keys) {
            this.ast = ast;
            this.keys = keys;
        }

        private CelType type(CelExpr e) {
            return ast.getType(e.id()).orElseThrow(Unsupported::new);
        }

        private static Unsupported no() {
            return new Unsupported();
        }

        /** The catalogue variable an identifier names, which must have the given type. */
        private static RuleVariable variable(CelExpr ident, RuleVariable.Type type) {
            RuleVariable v = RuleVariable.named(ident.ident().name());
            if (v == null || v.type() != type) throw no();
            return v;
        }

        Pred bool(CelExpr e) {
            if (!SimpleType.BOOL.equals(type(e))) throw no();
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() != CelConstant.Kind.BOOLEAN_VALUE) throw no();
                    boolean v = e.constant().booleanValue();
                    return v ? (f, p, o) -> true : (f, p, o) -> false;
                }
                case IDENT -> {
                    Predicate<ItemFeatures> a = variable(e, RuleVariable.Type.BOOL).flagAccessor();
                    return (f, p, o) -> a.test(f);
                }
                case CALL -> {
                    return call(e);
                }
                default -> throw no();
            }
        }

        private Pred call(CelExpr e) {
            var c = e.call();
            String fn = c.function();
            List<CelExpr> args = c.args();
            if (c.target().isPresent()) {
                if (args.size() != 1) throw no();
                Function<ItemFeatures, String> tv = textVariable(c.target().get());
                String ac = textConstant(args.get(0));
                if (tv != null && ac != null) {
                    return switch (fn) {
                        case "startsWith" -> (f, p, o) -> tv.apply(f).startsWith(ac);
                        case "endsWith" -> (f, p, o) -> tv.apply(f).endsWith(ac);
                        case "contains" -> (f, p, o) -> tv.apply(f).contains(ac);
                        default -> throw no();
                    };
                }
                Str t = str(c.target().get());
                Str a = str(args.get(0));
                return switch (fn) {
                    case "startsWith" -> (f, p, o) -> t.get(f, p, o).startsWith(a.get(f, p, o));
                    case "endsWith" -> (f, p, o) -> t.get(f, p, o).endsWith(a.get(f, p, o));
                    case "contains" -> (f, p, o) -> t.get(f, p, o).contains(a.get(f, p, o));
                    default -> throw no();
                };
            }
            if (fn.equals(Operator.LOGICAL_AND.getFunction()) && args.size() == 2) {
                Pred a = bool(args.get(0));
                Pred b = bool(args.get(1));
                return (f, p, o) -> a.test(f, p, o) && b.test(f, p, o);
            }
            if (fn.equals(Operator.LOGICAL_OR.getFunction()) && args.size() == 2) {
                Pred a = bool(args.get(0));
                Pred b = bool(args.get(1));
                return (f, p, o) -> a.test(f, p, o) || b.test(f, p, o);
            }
            if (fn.equals(Operator.LOGICAL_NOT.getFunction()) && args.size() == 1) {
                Pred a = bool(args.get(0));
                return (f, p, o) -> !a.test(f, p, o);
            }
            if (fn.equals(Operator.IN.getFunction()) && args.size() == 2) return in(args.get(0), args.get(1));
            if (args.size() != 2) throw no();
            CelExpr l = args.get(0);
            CelExpr r = args.get(1);
            CelType lt = type(l);
            if (!lt.equals(type(r))) throw no();
            Cmp op = Cmp.of(fn);
            Pred special = variableAgainstConstantOrParam(op, lt, l, r);
            if (special != null) return special;
            if (SimpleType.DOUBLE.equals(lt)) {
                Dbl a = dbl(l);
                Dbl b = dbl(r);
                return switch (op) {
                    case LT -> (f, p, o) -> a.get(f, p, o) < b.get(f, p, o);
                    case LE -> (f, p, o) -> a.get(f, p, o) <= b.get(f, p, o);
                    case GT -> (f, p, o) -> a.get(f, p, o) > b.get(f, p, o);
                    case GE -> (f, p, o) -> a.get(f, p, o) >= b.get(f, p, o);
                    case EQ -> (f, p, o) -> a.get(f, p, o) == b.get(f, p, o);
                    case NE -> (f, p, o) -> a.get(f, p, o) != b.get(f, p, o);
                };
            }
            if (SimpleType.INT.equals(lt)) {
                Lng a = lng(l);
                Lng b = lng(r);
                return switch (op) {
                    case LT -> (f, p, o) -> a.get(f, p, o) < b.get(f, p, o);
                    case LE -> (f, p, o) -> a.get(f, p, o) <= b.get(f, p, o);
                    case GT -> (f, p, o) -> a.get(f, p, o) > b.get(f, p, o);
                    case GE -> (f, p, o) -> a.get(f, p, o) >= b.get(f, p, o);
                    case EQ -> (f, p, o) -> a.get(f, p, o) == b.get(f, p, o);
                    case NE -> (f, p, o) -> a.get(f, p, o) != b.get(f, p, o);
                };
            }
            if (SimpleType.STRING.equals(lt)) {
                Str a = str(l);
                Str b = str(r);
                // string ordering compares code points in CEL, UTF-16 units in Java: not handled
                return switch (op) {
                    case EQ -> (f, p, o) -> a.get(f, p, o).equals(b.get(f, p, o));
                    case NE -> (f, p, o) -> !a.get(f, p, o).equals(b.get(f, p, o));
                    default -> throw no();
                };
            }
            if (SimpleType.BOOL.equals(lt)) {
                Pred a = bool(l);
                Pred b = bool(r);
                return switch (op) {
                    case EQ -> (f, p, o) -> a.test(f, p, o) == b.test(f, p, o);
                    case NE -> (f, p, o) -> a.test(f, p, o) != b.test(f, p, o);
                    default -> throw no();
                };
            }
            throw no();
        }

        /** {@code x in [literal, ...]} with string x and string literals. */
        private Pred in(CelExpr l, CelExpr r) {
            if (!SimpleType.STRING.equals(type(l)) || r.getKind() != CelExpr.ExprKind.Kind.LIST) throw no();
            if (!r.list().optionalIndices().isEmpty()) throw no();
            List<String> values = new ArrayList<>();
            for (CelExpr el : r.list().elements()) {
                if (el.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                        || el.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                    throw no();
                }
                values.add(el.constant().stringValue());
            }
            String[] set = values.toArray(new String[0]);
            Function<ItemFeatures, String> variable = textVariable(l);
            if (variable != null) {
                return (f, p, o) -> {
                    String x = variable.apply(f);
                    for (String s : set) if (s.equals(x)) return true;
                    return false;
                };
            }
            Str a = str(l);
            return (f, p, o) -> {
                String v = a.get(f, p, o);
                for (String s : set) if (s.equals(v)) return true;
                return false;
            };
        }

        /** For {@code params.x}: the index of x among the params keys read (added if new); -1 for anything else. */
        private int paramIndex(CelExpr e) {
            if (e.getKind() != CelExpr.ExprKind.Kind.SELECT) return -1;
            var s = e.select();
            if (s.testOnly() || s.operand().getKind() != CelExpr.ExprKind.Kind.IDENT
                    || !s.operand().ident().name().equals("params")) {
                return -1;
            }
            int k = keys.indexOf(s.field());
            if (k < 0) {
                k = keys.size();
                keys.add(s.field());
            }
            return k;
        }

        /** The accessor of a string variable, or null when e is not an identifier. */
        private Function<ItemFeatures, String> textVariable(CelExpr e) {
            if (e.getKind() != CelExpr.ExprKind.Kind.IDENT || !SimpleType.STRING.equals(type(e))) return null;
            return variable(e, RuleVariable.Type.STRING).textAccessor();
        }

        private static String textConstant(CelExpr e) {
            return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.STRING_VALUE
                    ? e.constant().stringValue() : null;
        }

        /**
         * The most common comparisons, {@code variable OP literal} and {@code variable OP params.x}, as one
         * lambda reading the feature directly (one call fewer per evaluation than composing operands); null
         * for other shapes.
         */
        private Pred variableAgainstConstantOrParam(Cmp op, CelType t, CelExpr l, CelExpr r) {
            if (l.getKind() != CelExpr.ExprKind.Kind.IDENT) return null;
            if (SimpleType.DOUBLE.equals(t)) {
                ToDoubleFunction<ItemFeatures> v = variable(l, RuleVariable.Type.DOUBLE).numberAccessor();
                if (r.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
                    if (r.constant().getKind() != CelConstant.Kind.DOUBLE_VALUE) throw no();
                    double c = r.constant().doubleValue();
                    return switch (op) {
                        case LT -> (f, p, o) -> v.applyAsDouble(f) < c;
                        case LE -> (f, p, o) -> v.applyAsDouble(f) <= c;
                        case GT -> (f, p, o) -> v.applyAsDouble(f) > c;
                        case GE -> (f, p, o) -> v.applyAsDouble(f) >= c;
                        case EQ -> (f, p, o) -> v.applyAsDouble(f) == c;
                        case NE -> (f, p, o) -> v.applyAsDouble(f) != c;
                    };
                }
                int at = paramIndex(r);
                if (at < 0) return null;
                return switch (op) {
                    case LT -> (f, p, o) -> v.applyAsDouble(f) < p[o + at];
                    case LE -> (f, p, o) -> v.applyAsDouble(f) <= p[o + at];
                    case GT -> (f, p, o) -> v.applyAsDouble(f) > p[o + at];
                    case GE -> (f, p, o) -> v.applyAsDouble(f) >= p[o + at];
                    case EQ -> (f, p, o) -> v.applyAsDouble(f) == p[o + at];
                    case NE -> (f, p, o) -> v.applyAsDouble(f) != p[o + at];
                };
            }
            if (SimpleType.INT.equals(t) && r.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
                ToLongFunction<ItemFeatures> v = variable(l, RuleVariable.Type.INT).wholeAccessor();
                if (r.constant().getKind() != CelConstant.Kind.INT64_VALUE) throw no();
                long c = r.constant().int64Value();
                return switch (op) {
                    case LT -> (f, p, o) -> v.applyAsLong(f) < c;
                    case LE -> (f, p, o) -> v.applyAsLong(f) <= c;
                    case GT -> (f, p, o) -> v.applyAsLong(f) > c;
                    case GE -> (f, p, o) -> v.applyAsLong(f) >= c;
                    case EQ -> (f, p, o) -> v.applyAsLong(f) == c;
                    case NE -> (f, p, o) -> v.applyAsLong(f) != c;
                };
            }
            if (SimpleType.STRING.equals(t)) {
                String c = textConstant(r);
                if (c == null) return null;
                Function<ItemFeatures, String> v = textVariable(l);
                return switch (op) {
                    case EQ -> (f, p, o) -> c.equals(v.apply(f));
                    case NE -> (f, p, o) -> !c.equals(v.apply(f));
                    default -> throw no();
                };
            }
            return null;
        }

        private Dbl dbl(CelExpr e) {
            if (!SimpleType.DOUBLE.equals(type(e))) throw no();
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() != CelConstant.Kind.DOUBLE_VALUE) throw no();
                    double v = e.constant().doubleValue();
                    return (f, p, o) -> v;
                }
                case SELECT -> {
                    int at = paramIndex(e);
                    if (at < 0) throw no();
                    return (f, p, o) -> p[o + at];
                }
                case IDENT -> {
                    ToDoubleFunction<ItemFeatures> a = variable(e, RuleVariable.Type.DOUBLE).numberAccessor();
                    return (f, p, o) -> a.applyAsDouble(f);
                }
                default -> throw no();
            }
        }

        private Lng lng(CelExpr e) {
            if (!SimpleType.INT.equals(type(e))) throw no();
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() != CelConstant.Kind.INT64_VALUE) throw no();
                    long v = e.constant().int64Value();
                    return (f, p, o) -> v;
                }
                case IDENT -> {
                    ToLongFunction<ItemFeatures> a = variable(e, RuleVariable.Type.INT).wholeAccessor();
                    return (f, p, o) -> a.applyAsLong(f);
                }
                default -> throw no();
            }
        }

        private Str str(CelExpr e) {
            if (!SimpleType.STRING.equals(type(e))) throw no();
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() != CelConstant.Kind.STRING_VALUE) throw no();
                    String v = e.constant().stringValue();
                    return (f, p, o) -> v;
                }
                case IDENT -> {
                    Function<ItemFeatures, String> a = variable(e, RuleVariable.Type.STRING).textAccessor();
                    return (f, p, o) -> a.apply(f);
                }
                default -> throw no();
            }
        }
    }

    private enum Cmp {
        LT, LE, GT, GE, EQ, NE;

        static Cmp of(String fn) {
            if (fn.equals(Operator.LESS.getFunction())) return LT;
            if (fn.equals(Operator.LESS_EQUALS.getFunction())) return LE;
            if (fn.equals(Operator.GREATER.getFunction())) return GT;
            if (fn.equals(Operator.GREATER_EQUALS.getFunction())) return GE;
            if (fn.equals(Operator.EQUALS.getFunction())) return EQ;
            if (fn.equals(Operator.NOT_EQUALS.getFunction())) return NE;
            throw new Unsupported();
        }
    }
}
