package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelEvaluationTest {

    @Test
    void precisionAndRecallAtKPercentHandChecked() {
        // 20 rows: scores 20..1 descending by index; frauds at indexes 0, 2, 5, 19 (4 frauds)
        double[] s = new double[20];
        boolean[] l = new boolean[20];
        for (int i = 0; i < 20; i++) s[i] = 20 - i;
        l[0] = l[2] = l[5] = l[19] = true;
        ModelEvaluation e = ModelEvaluation.of(s, l);
        // top 1% = ceil(0.2) = 1 row: [0] fraud -> 1.0; top 5% = 1 row; top 10% = 2 rows: [0] yes, [1] no -> 0.5
        assertThat(e.precisionAt().get(1)).isEqualTo(1.0);
        assertThat(e.precisionAt().get(5)).isEqualTo(1.0);
        assertThat(e.precisionAt().get(10)).isEqualTo(0.5);
        assertThat(e.recallAt().get(10)).isEqualTo(0.25);
        // AUC: pairs (pos above neg) / (4*16). pos ranks from top: 0 beats 16 negs, 2 beats 15, 5 beats 13, 19 beats 0
        assertThat(e.auc()).isCloseTo((16 + 15 + 13 + 0) / 64.0, within(1e-12));
        assertThat(e.rows()).isEqualTo(20);
    }

    @Test
    void tiesAreBrokenByInputOrderAndCountHalfInAuc() {
        double[] s = {0.5, 0.5, 0.5, 0.5};
        boolean[] l = {false, true, false, true};
        ModelEvaluation e = ModelEvaluation.of(s, l);
        // top 10% of 4 rows = 1 row: the first in input order, which is not fraud
        assertThat(e.precisionAt().get(10)).isEqualTo(0.0);
        assertThat(e.auc()).isEqualTo(0.5);
        boolean[] swapped = {true, false, false, true};
        assertThat(ModelEvaluation.of(s, swapped).precisionAt().get(10)).isEqualTo(1.0);
    }

    @Test
    void perfectAndInvertedRankings() {
        double[] s = {0.9, 0.8, 0.3, 0.1};
        assertThat(ModelEvaluation.of(s, new boolean[] {true, true, false, false}).auc()).isEqualTo(1.0);
        assertThat(ModelEvaluation.of(s, new boolean[] {false, false, true, true}).auc()).isEqualTo(0.0);
        assertThat(ModelEvaluation.of(s, new boolean[] {true, true, true, true}).auc()).isNaN();
    }

    @Test
    void jsonIsOneLineWithTheAgreedKeys() {
        ModelEvaluation e = ModelEvaluation.of(new double[] {0.9, 0.1}, new boolean[] {true, false});
        assertThat(e.toJson()).isEqualTo("{\"precision_at\": {\"1\": 1.0000, \"5\": 1.0000, \"10\": 1.0000}, "
                + "\"recall_at\": {\"1\": 1.0000, \"5\": 1.0000, \"10\": 1.0000}, \"auc\": 1.0000, \"rows\": 2}");
        assertThat(e.toJson()).doesNotContain("\n");
    }
}
