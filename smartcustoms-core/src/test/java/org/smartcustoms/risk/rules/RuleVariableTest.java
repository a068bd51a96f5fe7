package org.smartcustoms.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartcustoms.risk.rules.RuleTestSupport.rule;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.features.ItemFeatures;

/** Every consumer of the rule variable catalogue knows every variable in it. */
class RuleVariableTest {
    private final RuleCompiler compiler = new RuleCompiler();

    /** A simple comparison of the variable with a literal of its type. */
    private static String comparison(RuleVariable v) {
        String n = v.variable();
        return switch (v.type()) {
            case STRING -> n + " == 'x'";
            case DOUBLE -> n + " < 1.5";
            case INT -> n + " < 2";
            case BOOL -> n + " == true";
            case PARAMS -> "params.t < 1.0";
        };
    }

    @Test
    void everyVariableCompilesInCelGetsAFastPathAndIsBoundByTheResolver() {
        ItemFeatures f = FastPathTest.randomFeatures(new SplittableRandom(1));
        Map<String, Double> params = Map.of("t", 0.5);
        for (RuleVariable v : RuleVariable.catalogue()) {
            RuleCompiler.Compiled c = compiler.compiled(rule("V", RuleScope.GLOBAL, comparison(v), params));
            assertThat(c.fast()).as("fast path of %s", v).isNotNull();
            assertThat(c.declarationLevel()).as("declaration level of %s", v).isEqualTo(v.declarationLevel());
            assertThat(RuleVariable.named(v.variable())).isSameAs(v);
            Object bound = new FeatureResolver(f, params).find(v.variable()).orElseThrow();
            Class<?> expected = switch (v.type()) {
                case STRING -> String.class;
                case DOUBLE -> Double.class;
                case INT -> Long.class;
                case BOOL -> Boolean.class;
                case PARAMS -> Map.class;
            };
            assertThat(bound).as("value bound to %s", v).isInstanceOf(expected);
            assertThat(v.description()).as("description of %s", v).isNotBlank();
        }
        assertThat(RuleVariable.named("unit_pryce")).isNull();
        assertThat(new FeatureResolver(f, params).find("unit_pryce")).isEmpty();
    }

    @Test
    void itemsThatDifferInADeclarationLevelVariableAreNotTreatedAlike() throws Exception {
        RecordComponent[] rc = ItemFeatures.class.getRecordComponents();
        Constructor<ItemFeatures> ctor = ItemFeatures.class.getDeclaredConstructor(
                Arrays.stream(rc).map(RecordComponent::getType).toArray(Class<?>[]::new));
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            ItemFeatures a = FastPathTest.randomFeatures(r);
            for (int k = 0; k < rc.length; k++) {
                Object[] args = new Object[rc.length];
                for (int j = 0; j < rc.length; j++) args[j] = rc[j].getAccessor().invoke(a);
                args[k] = changed(args[k]);
                ItemFeatures b = ctor.newInstance(args);
                boolean declarationLevelDiffers = false;
                for (RuleVariable v : RuleVariable.catalogue()) {
                    if (v != RuleVariable.PARAMS && v.declarationLevel() && !v.celValue(a).equals(v.celValue(b))) {
                        declarationLevelDiffers = true;
                    }
                }
                assertThat(FastPath.sameDeclarationLevel(a, b)).as("changing %s", rc[k].getName())
                        .isEqualTo(!declarationLevelDiffers);
            }
        }
    }

    private static Object changed(Object o) {
        return switch (o) {
            case String s -> s + "x";
            case Double d -> d + 1.0 == d ? 0.0 : d + 1.0;
            case Long l -> l + 1;
            case Integer i -> i + 1;
            case Boolean b -> !b;
            default -> throw new IllegalArgumentException(String.valueOf(o));
        };
    }
}
