package org.smartcustoms.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartcustoms.risk.rules.RuleTestSupport.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.features.ItemFeatures;

/** The plain-Java fast path must compute exactly what CEL computes, for every shape it accepts. */
class FastPathTest {
    private final RuleCompiler compiler = new RuleCompiler();

    /** The benchmark templates plus other simple shapes; all must get a fast path. */
    static final List<String> FAST = List.of(
            "has_norm && norm_deviation < params.t",
            "unit_price < params.t",
            "net_mass > 0.0 && price_per_kg < params.t",
            "value > params.t && importer_history_count < 3",
            "party_age_days < 90 && value > params.t",
            "importer_fraud_rate > params.t",
            "unit == 'NAR' && net_mass > params.t",
            "preferential_origin != '' && preferential_origin != origin && value > params.t",
            "transport_mode == '1' && value > params.t",
            "quantity > params.t && price_per_kg < 0.5",
            "description.contains('USED') && unit_price < params.t",
            "procedure.startsWith('51') && value > params.t",
            "origin in ['CN', 'VN', 'HK'] || !(currency in ['USD'])",
            "!has_norm || norm_deviation <= -0.5 || norm_deviation >= params.t",
            "hs6 == '847130' && hs.startsWith('84') && hs.endsWith('00')",
            "item_count >= 2 && item_count != 3 || importer_history_count == 0 || party_age_days <= 30",
            "has_norm == false || has_norm != (value == params.t)",
            "5.0 < value && value <= params.t && params.t >= params.u && unit_price != params.u",
            "importer == declarant || seller == '' || office == 'KR0100' || declaration_type == 'IMA'",
            "true",
            "false || (unit_price == 0.0 && price_per_kg == 0.0)");

    /**
     * Expressions over every variable of the {@link RuleVariable} catalogue, each both against literals and
     * params (the direct comparisons) and against another variable (the composed ones): a new variable is
     * covered by the differential test without editing it.
     */
    static List<String> perVariable() {
        List<String> out = new ArrayList<>();
        for (RuleVariable v : RuleVariable.catalogue()) {
            String n = v.variable();
            switch (v.type()) {
                case STRING -> {
                    out.add(n + " == 'CN' || " + n + " != '' && " + n + ".startsWith('8') || " + n + " in ['', 'USD', 'KR0100']");
                    out.add(n + " == origin || " + n + ".contains(hs) || " + n + ".endsWith('0') || currency != " + n);
                }
                case DOUBLE -> {
                    out.add(n + " < params.t || " + n + " == 0.0 || " + n + " >= 100.0");
                    out.add(n + " > value || 1.0 <= " + n + " && params.u != " + n);
                }
                case INT -> {
                    out.add(n + " <= 30 || " + n + " == 2 || " + n + " > 90");
                    out.add(n + " != item_count && 3 > " + n);
                }
                case BOOL -> out.add(n + " && value < params.t || !" + n + " && " + n + " == false || " + n + " != has_norm");
                case PARAMS -> out.add("params.t < params.u || params.u == 0.0");
            }
        }
        return out;
    }

    /** Shapes the fast path does not handle: CEL evaluates them. */
    static final List<String> SLOW = List.of(
            "value * 2.0 > params.t",
            "description.matches('^USED')",
            "size(description) > 3",
            "has_norm ? norm_deviation < -0.5 : unit_price < 1.0",
            "origin < 'M'",
            "params['t'] > value",
            "'t' in params && value > params.t",
            "double(importer_history_count) > value",
            "[1, 2][0] == item_count");

    private static final String[] STRINGS = {"", "CN", "VN", "HK", "USD", "EUR", "NAR", "KGM", "1", "3", "4000",
            "5100", "51", "847130", "8471300000", "8471", "847130990", "USED MACHINE", "GOODS", "KR0100", "IMA", "IMP1",
            "DEC1", "\uD83D\uDE00", "é"};
    private static final double[] DOUBLES = {0.0, -0.0, 0.5, -0.5, -0.6, 1.0, 3.0, 5.0, 10.0, 100.0, 1e9,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};

    private static String s(SplittableRandom r) {
        return STRINGS[r.nextInt(STRINGS.length)];
    }

    private static double d(SplittableRandom r) {
        return r.nextInt(3) == 0 ? DOUBLES[r.nextInt(DOUBLES.length)] : (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(7));
    }

    private static long l(SplittableRandom r) {
        return r.nextInt(3) == 0 ? new long[] {0, 1, 2, 3, 30, 89, 90, 91, -1, Long.MAX_VALUE}[r.nextInt(10)]
                : r.nextLong(-5, 200);
    }

    static ItemFeatures randomFeatures(SplittableRandom r) {
        return new ItemFeatures(1 + r.nextInt(4), s(r), s(r), s(r), s(r), s(r), s(r), d(r), s(r), d(r), d(r), s(r),
                d(r), d(r), d(r), r.nextBoolean(), l(r), d(r), l(r), s(r), s(r), s(r), 1 + r.nextInt(5), s(r), s(r),
                s(r), d(r), r.nextInt(4));
    }

    @Test
    void simpleShapesGetAFastPathAndOthersDoNot() {
        for (String e : java.util.stream.Stream.concat(FAST.stream(), perVariable().stream()).toList()) {
            assertThat(compiler.compiled(rule("F", RuleScope.GLOBAL, e)).fast()).as(e).isNotNull();
        }
        for (String e : SLOW) {
            assertThat(compiler.compiled(rule("S", RuleScope.GLOBAL, e)).fast()).as(e).isNull();
        }
        assertThat(compiler.compiled(rule("P", RuleScope.GLOBAL, FAST.get(17))).fast().paramKeys())
                .containsExactlyInAnyOrder("t", "u");
    }

    @Test
    void fastPathAgreesWithCelOnRandomFeatures() throws Exception {
        SplittableRandom r = new SplittableRandom(20261123);
        int trues = 0;
        for (String e : java.util.stream.Stream.concat(FAST.stream(), perVariable().stream()).toList()) {
            RuleCompiler.Compiled c = compiler.compiled(rule("F", RuleScope.GLOBAL, e));
            for (int i = 0; i < 5_000; i++) {
                ItemFeatures f = randomFeatures(r);
                Map<String, Double> params = Map.of("t", d(r), "u", d(r));
                Object cel = c.program().eval(new FeatureResolver(f, params));
                double[] values = new double[3 + c.fast().paramKeys().size()];
                for (int k = 0; k < c.fast().paramKeys().size(); k++) values[3 + k] = params.get(c.fast().paramKeys().get(k));
                boolean fast = c.fast().pred().test(f, values, 3);
                assertThat(fast).as("%s on %s with %s", e, f, params).isEqualTo(cel);
                if (fast) trues++;
            }
        }
        assertThat(trues).isGreaterThan(FAST.size() * 500);
    }

    @Test
    void declarationLevelRulesAreRecognisedFromTheAst() throws Exception {
        assertThat(compiler.compiled(rule("A", RuleScope.GLOBAL, "importer_fraud_rate > params.t")).declarationLevel())
                .isTrue();
        assertThat(compiler.compiled(rule("B", RuleScope.GLOBAL,
                "transport_mode == '1' && item_count > 2 && office == 'KR0100' || seller == ''")).declarationLevel()).isTrue();
        assertThat(compiler.compiled(rule("C", RuleScope.GLOBAL, "true")).declarationLevel()).isTrue();
        assertThat(compiler.compiled(rule("D", RuleScope.GLOBAL, "party_age_days < 90 && value > params.t"))
                .declarationLevel()).isFalse();
        assertThat(compiler.compiled(rule("E", RuleScope.GLOBAL, "importer_fraud_rate > unit_price"))
                .declarationLevel()).isFalse();
        List<String> vars = new ArrayList<>(FastPath.variables(dev.cel.compiler.CelCompilerFactory
                .standardCelCompilerBuilder().build().parse("hs6 == '1' && params.t > value").getAst().getExpr()));
        assertThat(vars).containsExactly("hs6", "params", "value");
    }
}
