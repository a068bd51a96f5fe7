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

    /** Features that are the same for every item of a declaration (see {@code FeatureExtractor}). */
    static final Set<String> DECLARATION_LEVEL = Set.of("office", "importer", "declarant", "seller",
            "transport_mode", "declaration_type", "importer_history_count", "importer_fraud_rate",
            "party_age_days", "item_count", "params");

    /** Whether two items agree on every declaration-level feature. */
    static boolean sameDeclarationLevel(ItemFeatures a, ItemFeatures b) {
        return a.office().equals(b.office()) && a.importer().equals(b.importer())
                && a.declarant().equals(b.declarant()) && a.seller().equals(b.seller())
                && a.transportMode().equals(b.transportMode()) && a.declarationType().equals(b.declarationType())
                && a.importerHistoryCount() == b.importerHistoryCount()
                && Double.compare(a.importerFraudRate(), b.importerFraudRate()) == 0
                && a.partyAgeDays() == b.partyAgeDays() && a.itemCount() == b.itemCount();
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
        return DECLARATION_LEVEL.containsAll(variables(e));
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

        Pred bool(CelExpr e) {
            if (!SimpleType.BOOL.equals(type(e))) throw no();
            switch (e.getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() != CelConstant.Kind.BOOLEAN_VALUE) throw no();
                    boolean v = e.constant().booleanValue();
                    return v ? (f, p, o) -> true : (f, p, o) -> false;
                }
                case IDENT -> {
                    if (!e.ident().name().equals("has_norm")) throw no();
                    return (f, p, o) -> f.hasNorm();
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
            Str a = str(l);
            String[] set = values.toArray(new String[0]);
            return (f, p, o) -> {
                String v = a.get(f, p, o);
                for (String s : set) if (s.equals(v)) return true;
                return false;
            };
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
                    var s = e.select();
                    if (s.testOnly() || s.operand().getKind() != CelExpr.ExprKind.Kind.IDENT
                            || !s.operand().ident().name().equals("params")) {
                        throw no();
                    }
                    int k = keys.indexOf(s.field());
                    if (k < 0) {
                        k = keys.size();
                        keys.add(s.field());
                    }
                    int at = k;
                    return (f, p, o) -> p[o + at];
                }
                case IDENT -> {
                    return switch (e.ident().name()) {
                        case "value" -> (f, p, o) -> f.value();
                        case "net_mass" -> (f, p, o) -> f.netMass();
                        case "quantity" -> (f, p, o) -> f.quantity();
                        case "unit_price" -> (f, p, o) -> f.unitPrice();
                        case "price_per_kg" -> (f, p, o) -> f.pricePerKg();
                        case "norm_deviation" -> (f, p, o) -> f.normDeviation();
                        case "importer_fraud_rate" -> (f, p, o) -> f.importerFraudRate();
                        default -> throw no();
                    };
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
                    return switch (e.ident().name()) {
                        case "importer_history_count" -> (f, p, o) -> f.importerHistoryCount();
                        case "party_age_days" -> (f, p, o) -> f.partyAgeDays();
                        case "item_count" -> (f, p, o) -> f.itemCount();
                        default -> throw no();
                    };
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
                    return switch (e.ident().name()) {
                        case "hs" -> (f, p, o) -> f.hs();
                        case "hs6" -> (f, p, o) -> hs6(f.hs());
                        case "origin" -> (f, p, o) -> f.origin();
                        case "office" -> (f, p, o) -> f.office();
                        case "importer" -> (f, p, o) -> f.importer();
                        case "declarant" -> (f, p, o) -> f.declarant();
                        case "seller" -> (f, p, o) -> f.seller();
                        case "currency" -> (f, p, o) -> f.currency();
                        case "unit" -> (f, p, o) -> f.unit();
                        case "transport_mode" -> (f, p, o) -> f.transportMode();
                        case "procedure" -> (f, p, o) -> f.procedure();
                        case "declaration_type" -> (f, p, o) -> f.declarationType();
                        case "description" -> (f, p, o) -> f.description();
                        case "preferential_origin" -> (f, p, o) -> f.preferentialOrigin();
                        default -> throw no();
                    };
                }
                default -> throw no();
            }
        }
    }

    /** The {@code hs6} variable, exactly as {@link FeatureResolver} binds it. */
    static String hs6(String hs) {
        return hs.length() >= 6 ? hs.substring(0, 6) : hs;
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
