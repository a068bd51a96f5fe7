package org.smartcustoms.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Money amounts of a question against the thresholds an entry states. */
class AmountConditionsTest {
    @Test
    void amountsInYenAreReadWithTheirScaleAndOtherNumbersAreNot() {
        assertThat(AmountConditions.amounts("a phone case for 2000 yen")).containsExactly(2000.0);
        assertThat(AmountConditions.amounts("a watch for like 300k yen")).containsExactly(300_000.0);
        assertThat(AmountConditions.amounts("carrying 1.5 million yen")).containsExactly(1_500_000.0);
        assertThat(AmountConditions.amounts("a ¥30,000 coat and JPY 5,000 of books")).containsExactly(30_000.0, 5_000.0);
        // the visitor's own "over" / "less than" puts the amount just past the bound
        assertThat(AmountConditions.amounts("an order over the 10000 yen limit")).containsExactly(10_001.0);
        assertThat(AmountConditions.amounts("less than 10,000 yen")).containsExactly(9_999.0);
        // counts, volumes and other currencies are not compared
        assertThat(AmountConditions.amounts("5 bottles, 100 ml of perfume and $500 cash")).isEmpty();
    }

    @Test
    void thresholdsAreReadOnTheirSideAndAboveThatStatesTheOtherSide() {
        assertThat(AmountConditions.conditions("an online order worth more than 10,000 JPY", 1))
                .containsExactly(new AmountConditions.Condition(true, 10_000, 1));
        assertThat(AmountConditions.conditions("goods with a total value of up to 200,000 JPY are free", 0.5))
                .containsExactly(new AmountConditions.Condition(false, 200_000, 0.5));
        assertThat(AmountConditions.conditions("If they are worth 10,000 JPY or less, nothing is charged; above that, duty applies.", 1))
                .containsExactly(new AmountConditions.Condition(false, 10_000, 1), new AmountConditions.Condition(true, 10_000, 1));
        // an amount without a comparison is no threshold
        assertThat(AmountConditions.conditions("they count towards your 200,000 JPY allowance", 1)).isEmpty();
    }

    @Test
    void consistencyIsTheWeightedShareMetMinusNotMetAndNeutralForBothSides() {
        List<AmountConditions.Condition> atMost = List.of(new AmountConditions.Condition(false, 10_000, 0.5));
        List<AmountConditions.Condition> above = List.of(new AmountConditions.Condition(true, 10_000, 1));
        List<AmountConditions.Condition> both = List.of(atMost.get(0), new AmountConditions.Condition(true, 10_000, 0.5));
        assertThat(AmountConditions.consistency(List.of(2_000.0), atMost)).isEqualTo(1.0);
        assertThat(AmountConditions.consistency(List.of(2_000.0), above)).isEqualTo(-1.0);
        assertThat(AmountConditions.consistency(List.of(30_000.0), above)).isEqualTo(1.0);
        assertThat(AmountConditions.consistency(List.of(30_000.0), both)).isEqualTo(0.0);
        assertThat(AmountConditions.consistency(List.of(), above)).isEqualTo(0.0);
        assertThat(AmountConditions.consistency(List.of(2_000.0), List.of())).isEqualTo(0.0);
    }
}
