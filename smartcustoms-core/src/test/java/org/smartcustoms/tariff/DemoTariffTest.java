package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoTariffTest {
    private static TariffData DEMO;

    @BeforeAll
    static void load() {
        DEMO = DemoTariff.load();
    }

    @Test
    void loadsWithoutSharedData() {
        assertThat(DEMO.nomenclature().size()).isGreaterThan(70);
        assertThat(DEMO.schedule().rates().stream().filter(r -> r.kind() == TariffRate.Kind.MFN)
                .map(TariffRate::hsPrefix).distinct().count()).isGreaterThanOrEqualTo(40);
        assertThat(DEMO.schedule().agreements()).contains("EPA-JP", "GSP-EBA", "TCA-GB");
        assertThat(DEMO.exchangeRates().currencies()).containsExactlyInAnyOrder("USD", "JPY", "CNY", "KRW", "GBP");
        assertThat(DEMO.exchangeRates().nationalCurrency()).isEqualTo("EUR");
    }

    @Test
    void everyMfnPrefixIsANomenclatureCode() {
        for (TariffRate r : DEMO.schedule().rates()) {
            if (r.hsPrefix().length() >= 4) {
                assertThat(DEMO.nomenclature().lookup(r.hsPrefix(), LocalDate.of(2024, 1, 1))).as("line " + r.line()).isPresent();
            }
        }
    }

    @Test
    void demoEstimate_japaneseCarWithProof_isDutyFreeFrom2026_butStaged3pctBefore() {
        // 2,000,000 JPY × 0.0063 = 12600.00 EUR (CIF). 2025: EPA-JP 3% = 378.00, VAT 20% × 12978 = 2595.60
        Assessor a = DEMO.assessor();
        ItemAssessment y2025 = a.estimate(new EstimateRequest("8703231990", "JP", new BigDecimal("2000000"), "JPY", null,
                null, LocalDate.of(2025, 6, 1), null, true, "CIF", null, null));
        assertThat(y2025.customsValue().amount()).isEqualByComparingTo("12600.00");
        assertThat(y2025.duty().amount().amount()).isEqualByComparingTo("378.00");
        assertThat(y2025.vat().amount().amount()).isEqualByComparingTo("2595.60");
        ItemAssessment y2026 = a.estimate(new EstimateRequest("8703231990", "JP", new BigDecimal("2000000"), "JPY", null,
                null, LocalDate.of(2026, 2, 1), null, true, "CIF", null, null));
        assertThat(y2026.duty().amount().amount()).isEqualByComparingTo("0.00");
        assertThat(y2026.explanation()).contains("EPA preferential (EPA-JP) free applied instead of MFN 10%");
    }

    @Test
    void demoEstimate_beerExciseAndStandardVat() {
        // 1000 LTR beer at 800 EUR: duty free; excise 0.20 × 1000 = 200.00; VAT 20% × 1000 = 200.00
        ItemAssessment beer = DEMO.assessor().estimate(new EstimateRequest("220300", "MX", new BigDecimal("800"), "EUR",
                new BigDecimal("1000"), "LTR", LocalDate.of(2024, 5, 1), null, false, null, null, null));
        assertThat(beer.excise().amount().amount()).isEqualByComparingTo("200.00");
        assertThat(beer.vat().amount().amount()).isEqualByComparingTo("200.00");
        assertThat(beer.total().amount()).isEqualByComparingTo("400.00");
    }

    @Test
    void demoSearch_findsCoffee() {
        assertThat(DEMO.nomenclature().search("roasted coffee", null, 3)).first()
                .satisfies(h -> assertThat(h.commodity().code()).isEqualTo("090121"));
    }
}
