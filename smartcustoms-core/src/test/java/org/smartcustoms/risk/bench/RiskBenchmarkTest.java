package org.smartcustoms.risk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.rules.Rule;

class RiskBenchmarkTest {

    @Test
    void smallRunPrintsTheCliJsonLine() {
        RiskBenchmark.Result r = RiskBenchmark.run(2_000, 300, 7, new SyntheticFraudModel());
        assertThat(r.rules()).isEqualTo(2_000);
        assertThat(r.declarations()).isEqualTo(300);
        assertThat(r.ruleEvaluationsPerDeclaration()).isPositive();
        assertThat(r.distinctPrograms()).isBetween(2, 12);
        assertThat(r.heapMb()).isPositive();
        assertThat(r.redShare() + r.yellowShare()).isLessThan(0.6);
        assertThat(r.toJson()).matches("\\{\"rules\": 2000, \"declarations\": 300, \"declarations_per_second\": [0-9.]+, "
                + "\"p50_ms\": [0-9.]+, \"p99_ms\": [0-9.]+, \"heap_mb\": [0-9]+}");
    }

    @Test
    void syntheticRulesAreDeterministicAndMostlyScoped() {
        List<Rule> a = new SyntheticData(1).rules(5_000);
        List<Rule> b = new SyntheticData(1).rules(5_000);
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().filter(r -> r.scope().isGlobal())).hasSize(SyntheticData.GLOBAL_RULES);
    }
}
