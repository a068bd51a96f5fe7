package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TravelDutyTest {
    final TravelDuty duty = new TravelDuty(AllowanceTable.japan());

    @Test
    void fourBottlesPayForOne() {
        DutyAssessment a = duty.assess(List.of(new CarriedItem(ItemKind.ALCOHOL, 4, 0, "whisky")), true);
        assertThat(a.total()).isEqualTo(608);
        assertThat(a.lines().get(0).excess()).isEqualTo(1);
        assertThat(a.lines().get(0).explanation()).contains("3 free").contains("0.76 l");
    }

    @Test
    void minorsHaveNoAlcoholOrTobaccoAllowance() {
        DutyAssessment a = duty.assess(List.of(new CarriedItem(ItemKind.ALCOHOL, 1, 0, ""),
                new CarriedItem(ItemKind.TOBACCO, 20, 0, "")), false);
        assertThat(a.total()).isEqualTo(608 + 20 * 15);
        assertThat(a.lines().get(0).explanation()).contains("no allowance under 20");
    }

    @Test
    void otherGoodsFillTheAllowanceCheapestFirstAndAnItemThatDoesNotFitIsChargedWhole() {
        DutyAssessment a = duty.assess(List.of(new CarriedItem(ItemKind.OTHER, 1, 150_000, "bag"),
                new CarriedItem(ItemKind.OTHER, 1, 80_000, "watch"), new CarriedItem(ItemKind.OTHER, 1, 30_000, "scarf")), true);
        // 30,000 + 80,000 fit (110,000); the 150,000 bag does not: 15% of 150,000
        assertThat(a.total()).isEqualTo(22_500);
        DutyLine l = a.lines().get(0);
        assertThat(l.excess()).isEqualTo(150_000);
    }

    @Test
    void perfumeOverTwoOuncesIsChargedProRata() {
        DutyAssessment a = duty.assess(List.of(new CarriedItem(ItemKind.PERFUME, 4, 40_000, "")), true);
        assertThat(a.total()).isEqualTo(3_000);
        assertThat(duty.assess(List.of(), true).explanation()).contains("Nothing to declare");
        assertThat(duty.assess(List.of(new CarriedItem(ItemKind.ALCOHOL, 3, 0, "")), true).dutiable()).isFalse();
    }
}
