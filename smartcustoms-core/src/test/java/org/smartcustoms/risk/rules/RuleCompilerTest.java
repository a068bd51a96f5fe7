package org.smartcustoms.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smartcustoms.risk.rules.RuleTestSupport.rule;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
    private final RuleCompiler compiler = new RuleCompiler();

    @Test
    void syntaxErrorIsRejectedWithPosition() {
        assertThatThrownBy(() -> compiler.compile(rule("R1", RuleScope.GLOBAL, "unit_price < ")))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("R1");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(14);
                    assertThat(e.getMessage()).contains("line 1, column 14");
                });
    }

    @Test
    void typeErrorOnSecondLineIsRejectedWithPosition() {
        String text = "unit_price > 1.0 &&\n  origin == 5";
        assertThatThrownBy(() -> compiler.compile(rule("R2", RuleScope.GLOBAL, text)))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(10);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("no matching overload"));
                });
    }

    @Test
    void unknownVariableIsRejected() {
        assertThatThrownBy(() -> compiler.compile(rule("R3", RuleScope.GLOBAL, "unit_pryce < 3.0")))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.problems().get(0)).contains("unit_pryce");
                });
    }

    @Test
    void nonBooleanExpressionIsRejected() {
        assertThatThrownBy(() -> compiler.compile(rule("R4", RuleScope.GLOBAL, "unit_price * 2.0")))
                .isInstanceOf(RuleCompilationException.class);
    }

    @Test
    void sameTextIsCompiledOnceAndShared() {
        var a = compiler.compile(rule("A", RuleScope.GLOBAL, "unit_price < params.min", Map.of("min", 1.0)));
        var b = compiler.compile(rule("B", RuleScope.GLOBAL, "unit_price < params.min", Map.of("min", 9.0)));
        assertThat(a).isSameAs(b);
        assertThat(compiler.distinctPrograms()).isEqualTo(1);
    }
}
