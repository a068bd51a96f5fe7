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

    /** The default run: an XGBoost model trained on the synthetic history, served in Java, explaining what it flags. */
    @Test
    void defaultRunScoresWithATrainedXgboostModel() {
        org.smartcustoms.risk.model.TrainedFraudModel m = RiskBenchmark.trainModel(3, 3_000, line -> { }, java.time.Clock.systemUTC());
        assertThat(m.shape()).isEqualTo(RiskBenchmark.MODEL_TREES + " trees, depth <= 6");
        RiskBenchmark.Result r = RiskBenchmark.run(5_000, 2_000, 3, m);
        assertThat(r.model()).startsWith("XGBoost ").contains("100 trees");
        assertThat(r.explainedShare()).as("declarations sent to an officer carry model reasons")
                .isGreaterThanOrEqualTo(r.redShare() + r.yellowShare() - 0.02).isLessThan(1);
        assertThat(r.toJson()).startsWith("{\"rules\": 5000, \"declarations\": 2000,");
    }

    @Test
    void syntheticHistoryIsLabelledBeforeTheBenchmarkMonth() {
        List<org.smartcustoms.risk.model.LabelledItem> h = new SyntheticData(1).history(5_000);
        assertThat(h).hasSizeGreaterThan(5_000);
        assertThat(h).allSatisfy(li -> assertThat(li.declaration().declarationDate()).isBefore(java.time.LocalDate.of(2026, 6, 1)));
        long frauds = h.stream().filter(li -> li.label().fraud()).map(li -> li.declaration().lrn()).distinct().count();
        assertThat(frauds).isBetween(250L, 1_000L); // ~3 % base, more for offenders and undervalued items
    }

    @Test
    void syntheticRulesAreDeterministicAndMostlyScoped() {
        List<Rule> a = new SyntheticData(1).rules(5_000);
        List<Rule> b = new SyntheticData(1).rules(5_000);
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().filter(r -> r.scope().isGlobal())).hasSize(SyntheticData.GLOBAL_RULES);
    }
}
