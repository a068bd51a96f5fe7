package org.smartcustoms.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Money amounts of a question against the thresholds an entry states. */
class AmountConditionsTest {
    private static AmountConditions.Amount yen(double v) { return new AmountConditions.Amount(v, "JPY"); }

    private static AmountConditions.Condition above(double limit, double weight) {
        return new AmountConditions.Condition(true, limit, weight, "JPY");
    }

    private static AmountConditions.Condition atMost(double limit, double weight) {
        return new AmountConditions.Condition(false, limit, weight, "JPY");
    }

    @Test
    void amountsAreReadWithTheirScaleAndCurrencyAndOtherNumbersAreNot() {
        assertThat(AmountConditions.amounts("a phone case for 2000 yen")).containsExactly(yen(2000));
        assertThat(AmountConditions.amounts("a watch for like 300k yen")).containsExactly(yen(300_000));
        assertThat(AmountConditions.amounts("carrying 1.5 million yen")).containsExactly(yen(1_500_000));
        assertThat(AmountConditions.amounts("a ¥30,000 coat and JPY5,000 of books")).containsExactly(yen(30_000), yen(5_000));
        // the visitor's own "over" / "less than" puts the amount just past the bound
        assertThat(AmountConditions.amounts("an order over the 10000 yen limit")).containsExactly(yen(10_001));
        assertThat(AmountConditions.amounts("less than 10,000 yen")).containsExactly(yen(9_999));
        // other currencies keep their own code; counts, volumes, weights and look-alike words are no amounts
        assertThat(AmountConditions.amounts("5 bottles, 100 ml of perfume and $500 cash"))
                .containsExactly(new AmountConditions.Amount(500, "USD"));
        assertThat(AmountConditions.amounts("a €1,200 bag and 30 euros of chocolate, 2k GBP"))
                .containsExactly(new AmountConditions.Amount(1_200, "EUR"), new AmountConditions.Amount(30, "EUR"),
                        new AmountConditions.Amount(2_000, "GBP"));
        assertThat(AmountConditions.amounts("5 pounds of coffee from a tour of europe 2000, we won 3 prizes")).isEmpty();
    }

    @Test
    void thresholdsAreReadOnTheirSideAndAboveThatStatesTheOtherSide() {
        assertThat(AmountConditions.conditions("an online order worth more than 10,000 JPY", 1))
                .containsExactly(above(10_000, 1));
        assertThat(AmountConditions.conditions("goods with a total value of up to 200,000 JPY are free", 0.5))
                .containsExactly(atMost(200_000, 0.5));
        assertThat(AmountConditions.conditions("If they are worth 10,000 JPY or less, nothing is charged; above that, duty applies.", 1))
                .containsExactly(atMost(10_000, 1), above(10_000, 1));
        assertThat(AmountConditions.conditions("cash of more than EUR 10,000 must be declared", 1))
                .containsExactly(new AmountConditions.Condition(true, 10_000, 1, "EUR"));
        // an amount without a comparison is no threshold
        assertThat(AmountConditions.conditions("they count towards your 200,000 JPY allowance", 1)).isEmpty();
    }

    @Test
    void consistencyIsTheWeightedShareMetMinusNotMetAndNeutralForBothSides() {
        List<AmountConditions.Condition> atMost = List.of(atMost(10_000, 0.5));
        List<AmountConditions.Condition> above = List.of(above(10_000, 1));
        List<AmountConditions.Condition> both = List.of(atMost.get(0), above(10_000, 0.5));
        assertThat(AmountConditions.consistency(List.of(yen(2_000)), atMost)).isEqualTo(1.0);
        assertThat(AmountConditions.consistency(List.of(yen(2_000)), above)).isEqualTo(-1.0);
        assertThat(AmountConditions.consistency(List.of(yen(30_000)), above)).isEqualTo(1.0);
        assertThat(AmountConditions.consistency(List.of(yen(30_000)), both)).isEqualTo(0.0);
        assertThat(AmountConditions.consistency(List.of(), above)).isEqualTo(0.0);
        assertThat(AmountConditions.consistency(List.of(yen(2_000)), List.of())).isEqualTo(0.0);
    }

    @Test
    void anAmountIsComparedOnlyWithThresholdsInItsOwnCurrency() {
        List<AmountConditions.Condition> above = List.of(above(10_000, 1));
        assertThat(AmountConditions.consistency(List.of(new AmountConditions.Amount(30_000, "USD")), above)).isEqualTo(0.0);
        assertThat(AmountConditions.consistency(List.of(new AmountConditions.Amount(30_000, "USD"), yen(2_000)), above))
                .isEqualTo(-1.0);
    }
}
