package org.smartcustoms.consignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smartcustoms.tariff.DeMinimis;
import org.smartcustoms.tariff.DemoTariff;
import org.smartcustoms.tariff.TariffData;

class ConsignmentAssessorTest {
    static final TariffData TARIFF = DemoTariff.shared();
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static LowValueConsignment c(String id, String buyer, String hs6, String value, String currency) {
        return new LowValueConsignment(id, "H" + id, null, new ConsignmentParty("S1", "Seller", "CN"),
                new ConsignmentParty(null, buyer, "JP"), "100-0001", "P1", "goods", hs6, BigDecimal.ONE, null,
                new BigDecimal(value), currency, "CN", null);
    }

    @Test
    void theDemoTariffCarriesTheThresholdAsData() {
        assertThat(TARIFF.schedule().deMinimis(DeMinimis.Charge.DUTY, "420221", DAY)).isEmpty(); // leather bags excluded
        DeMinimis d = TARIFF.schedule().deMinimis(DeMinimis.Charge.DUTY, "640299", DAY).orElseThrow();
        assertThat(d.threshold().amount()).isEqualByComparingTo("10000");
        assertThat(d.threshold().currency()).isEqualTo("JPY");
        assertThat(TARIFF.schedule().deMinimis(DeMinimis.Charge.VAT, "640299", DAY)).isEmpty();
    }

    @Test
    void dutyIsRelievedUpToTheThresholdAndConsumptionTaxStaysDue() {
        ConsignmentAssessor a = new ConsignmentAssessor(TARIFF);
        // 640299 footwear: 27% MFN in the demo tariff (6402 line)
        ConsignmentAssessment small = a.assess(c("A1", "B", "640299", "10000", "JPY"), DAY);
        assertThat(small.dutyRelieved()).isTrue();
        assertThat(small.duty().amount()).isEqualByComparingTo("0");
        assertThat(small.vat().amount()).isEqualByComparingTo("1000.00"); // 10% of 10,000 without the duty
        ConsignmentAssessment over = a.assess(c("A2", "B", "640299", "10001", "JPY"), DAY);
        assertThat(over.dutyRelieved()).isFalse();
        assertThat(over.duty().amount()).isEqualByComparingTo("2700.27");
        assertThat(over.vat().amount()).isEqualByComparingTo("1270.13");
        ConsignmentAssessment excluded = a.assess(c("A3", "B", "640351", "5000", "JPY"), DAY); // leather footwear: no relief
        assertThat(excluded.dutyRelieved()).isFalse();
        assertThat(excluded.duty().amount().signum()).isPositive();
    }

    @Test
    void foreignCurrencyIsConvertedBeforeTheThresholdIsApplied() {
        ConsignmentAssessor a = new ConsignmentAssessor(TARIFF);
        BigDecimal usd = TARIFF.exchangeRates().rate("USD", DAY);
        BigDecimal under = new BigDecimal("9990").divide(usd, 2, java.math.RoundingMode.DOWN);
        assertThat(a.assess(c("U1", "B", "640299", under.toPlainString(), "USD"), DAY).dutyRelieved()).isTrue();
        BigDecimal over = new BigDecimal("10100").divide(usd, 2, java.math.RoundingMode.UP);
        assertThat(a.assess(c("U2", "B", "640299", over.toPlainString(), "USD"), DAY).dutyRelieved()).isFalse();
    }

    @Test
    void splitOrdersOfOneBuyerFromOneSellerAreFlagged() {
        SplitOrderDetector d = new SplitOrderDetector(SplitPolicy.defaults());
        BigDecimal t = new BigDecimal("10000");
        Purchase earlier = new Purchase("P/old", "ID:B1", "ID:S1", DAY.minusDays(3), new BigDecimal("6000"));
        Purchase now = new Purchase("P/new", "ID:B1", "ID:S1", DAY, new BigDecimal("7000"));
        Purchase otherSeller = new Purchase("P/x", "ID:B2", "ID:S1", DAY, new BigDecimal("9000"));
        Purchase otherSeller2 = new Purchase("P/y", "ID:B2", "ID:S2", DAY, new BigDecimal("9000"));
        Purchase longAgo = new Purchase("P/z", "ID:B3", "ID:S1", DAY.minusDays(30), new BigDecimal("9000"));
        Purchase b3 = new Purchase("P/w", "ID:B3", "ID:S1", DAY, new BigDecimal("9000"));
        Map<String, SplitOrderDetector.Finding> f = d.detect(List.of(earlier, longAgo), List.of(now, otherSeller, otherSeller2, b3),
                Map.of("P/new", t, "P/x", t, "P/y", t, "P/w", t));
        assertThat(f).containsOnlyKeys("P/new");
        assertThat(f.get("P/new").consignments()).isEqualTo(2);
        assertThat(f.get("P/new").total()).isEqualByComparingTo("13000");
    }
}
