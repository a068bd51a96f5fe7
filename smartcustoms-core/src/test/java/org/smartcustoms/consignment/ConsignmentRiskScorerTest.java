package org.smartcustoms.consignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;

class ConsignmentRiskScorerTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static LowValueConsignment c(String buyer, String sellerId, String hs6, String value) {
        return new LowValueConsignment("C1", "H1", null, new ConsignmentParty(sellerId, "Seller", "CN"),
                new ConsignmentParty(null, buyer, "JP"), null, null, "goods", hs6, BigDecimal.ONE, null, new BigDecimal(value), "JPY", "CN", null);
    }

    @Test
    void watchListsSplitOrdersAndZeroValuesDecide() {
        WatchList wl = new WatchList(List.of(new PartyEntry("W1", "BADSELLER", null, List.of(), "fraud", "intel", null, null),
                new PartyEntry("W2", null, "Kenji Fraudster", List.of(), "smuggling", "intel", null, null)),
                List.of(new CommodityTarget("T1", "9303", "CN", null, null, Threat.PROHIBITED, "firearms")));
        ConsignmentRiskScorer s = new ConsignmentRiskScorer(wl, ConsignmentRiskPolicy.defaults());
        assertThat(s.decide(c("Hanako", "S1", "640299", "5000"), DAY, null).status()).isEqualTo(ConsignmentStatus.RELEASED);
        ConsignmentDecision seller = s.decide(c("Hanako", "BADSELLER", "640299", "5000"), DAY, null);
        assertThat(seller.status()).isEqualTo(ConsignmentStatus.HELD);
        assertThat(seller.reasons().get(0)).contains("W1");
        assertThat(s.decide(c("KENJI FRAUDSTER", "S1", "640299", "5000"), DAY, null).reasons().get(0)).contains("W2");
        ConsignmentDecision gun = s.decide(c("Hanako", "S1", "930320", "5000"), DAY, null);
        assertThat(gun.status()).isEqualTo(ConsignmentStatus.HELD);
        assertThat(gun.reasons().get(0)).contains("T1");
        SplitOrderDetector.Finding split = new SplitOrderDetector.Finding("C1", 2, new BigDecimal("12000"), new BigDecimal("10000"), DAY, DAY);
        ConsignmentDecision splitDecision = s.decide(c("Hanako", "S1", "640299", "6000"), DAY, split);
        assertThat(splitDecision.status()).isEqualTo(ConsignmentStatus.HELD);
        assertThat(splitDecision.score()).isEqualTo(60);
        ConsignmentDecision zero = s.decide(c("Hanako", "S1", "640299", "0"), DAY, null);
        assertThat(zero.status()).isEqualTo(ConsignmentStatus.RELEASED);
        assertThat(zero.score()).isEqualTo(25);
        assertThat(splitDecision.notice(new ConsignmentAssessor(org.smartcustoms.tariff.DemoTariff.shared())
                .assess(c("Hanako", "S1", "640299", "6000"), DAY))).doesNotContain("split");
    }
}
