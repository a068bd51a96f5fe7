package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in tariff of Demo Customs: full HS 2022, a rate for every subheading, EPAs, consumption tax, JPY. */
class DemoTariffTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    private static TariffData DEMO;

    @BeforeAll
    static void load() {
        DEMO = DemoTariff.load();
    }

    @Test
    void fullHs2022NomenclatureIsBuiltIn() {
        assertThat(DemoTariff.subheadings()).hasSizeGreaterThan(5600).contains("210310", "851713", "010121");
        assertThat(DEMO.nomenclature().lookup("210310", DAY)).isPresent();
        assertThat(DEMO.exchangeRates().nationalCurrency()).isEqualTo("JPY");
        assertThat(DEMO.schedule().agreements()).containsExactlyInAnyOrder("CPTPP", "RCEP", "JP-EU");
    }

    @Test
    void everySubheadingHasAnMfnRateAndAConsumptionTaxRate() {
        for (String code : DemoTariff.subheadings()) {
            assertThat(DEMO.schedule().mostSpecific(TariffRate.Kind.MFN, code, DAY)).as(code).isPresent();
            assertThat(DEMO.schedule().mostSpecific(TariffRate.Kind.VAT, code, DAY)).as(code + " consumption tax").isPresent();
        }
        // and an ad valorem one assesses: every subheading of chapter 61 from the US, 100,000 JPY
        for (String code : DemoTariff.subheadings().stream().filter(c -> c.startsWith("61")).toList()) {
            ItemAssessment i = DEMO.assessor().estimate(new EstimateRequest(code, "US", new BigDecimal("100000"), "JPY",
                    null, null, DAY, null, false, null, null, null));
            assertThat(i.duty().amount().amount()).as(code).isPositive();
            assertThat(i.vat().rate()).isEqualTo("10%");
        }
    }

    @Test
    void ratesArePlausibleByChapter() {
        assertThat(rateOf("847130")).isEqualTo("free");   // computers
        assertThat(rateOf("260111")).isEqualTo("free");   // iron ore
        assertThat(rateOf("100630")).isEqualTo("341 JPY/KGM"); // rice: specific
        assertThat(rateOf("640391")).startsWith("max(");  // leather footwear: higher of
        List<String> apparel = DemoTariff.subheadings().stream().filter(c -> c.startsWith("61") || c.startsWith("62")).toList();
        assertThat(apparel).allSatisfy(c -> assertThat(DemoTariffRules.mfnPercent(c)).isBetween(7.0, 11.0));
    }

    @Test
    void soySauceFromChina_dutyAndReducedConsumptionTaxInYen() {
        // 200,000 JPY CIF; MFN 7.2% = 14,400; consumption tax 8% (food) on 214,400 = 17,152; total 31,552 JPY.
        ItemAssessment i = DEMO.assessor().estimate(new EstimateRequest("210310", "CN", new BigDecimal("200000"), "JPY",
                null, null, DAY, null, false, null, null, null));
        assertThat(i.customsValue().amount()).isEqualByComparingTo("200000");
        assertThat(i.customsValue().currency()).isEqualTo("JPY");
        assertThat(i.duty().amount().amount()).isEqualByComparingTo("14400");
        assertThat(i.vat().rate()).isEqualTo("8%");
        assertThat(i.vat().amount().amount()).isEqualByComparingTo("17152");
        assertThat(i.total().amount()).isEqualByComparingTo("31552");
        assertThat(i.vat().reason()).startsWith("Consumption tax 8% on 214400");
        assertThat(i.explanation()).doesNotContain("VAT");
        // with a certificate of origin RCEP's staged 4.3% applies: 8,600 duty, 8% of 208,600 = 16,688
        ItemAssessment rcep = DEMO.assessor().estimate(new EstimateRequest("210310", "CN", new BigDecimal("200000"), "JPY",
                null, null, DAY, null, true, null, null, null));
        assertThat(rcep.duty().amount().amount()).isEqualByComparingTo("8600");
        assertThat(rcep.explanation()).contains("RCEP", "instead of MFN 7.2%", "proof of origin declared");
    }

    @Test
    void preferenceWithoutProofIsRefusedAndTheExplanationSaysWhatProofIsNeeded() {
        ItemAssessment noProof = DEMO.assessor().estimate(new EstimateRequest("610910", "VN", new BigDecimal("1000000"), "JPY",
                null, null, DAY, null, false, null, null, null));
        ItemAssessment withProof = DEMO.assessor().estimate(new EstimateRequest("610910", "VN", new BigDecimal("1000000"), "JPY",
                null, null, DAY, null, true, null, null, null));
        assertThat(withProof.duty().amount().amount()).isEqualByComparingTo("0");
        assertThat(noProof.duty().amount().amount()).isPositive();
        // the estimator claims a preference only with a proof; a declaration claiming one without proof is refused
        assertThat(withProof.explanation()).contains("instead of MFN");
    }

    @Test
    void alcoholAndTobaccoAreAtTheStandardConsumptionTaxRateWithExcise() {
        ItemAssessment beer = DEMO.assessor().estimate(new EstimateRequest("220300", "MX", new BigDecimal("100000"), "JPY",
                new BigDecimal("1000"), "LTR", DAY, null, false, null, null, null));
        // duty free; liquor tax 181 × 1000 = 181,000; consumption tax 10% of 281,000 = 28,100
        assertThat(beer.excise().amount().amount()).isEqualByComparingTo("181000");
        assertThat(beer.vat().amount().amount()).isEqualByComparingTo("28100");
        ItemAssessment water = DEMO.assessor().estimate(new EstimateRequest("220110", "FR", new BigDecimal("100000"), "JPY",
                null, null, DAY, null, false, null, null, null));
        assertThat(water.vat().rate()).isEqualTo("8%");
    }

    @Test
    void exchangeRatesForTheMainCurrenciesDriftWeekly() {
        ExchangeRateTable fx = DEMO.exchangeRates();
        assertThat(fx.currencies()).contains("USD", "EUR", "CNY", "KRW", "GBP", "THB", "VND");
        BigDecimal jan = fx.rate("USD", LocalDate.of(2026, 1, 7));
        BigDecimal jul = fx.rate("USD", LocalDate.of(2026, 7, 8));
        assertThat(jan).isNotEqualByComparingTo(jul);
        assertThat(jan.doubleValue()).isBetween(110.0, 190.0);
        assertThat(fx.rate("USD", LocalDate.of(2026, 1, 5))).isNotEqualByComparingTo(fx.rate("USD", LocalDate.of(2026, 1, 12)));
    }

    @Test
    void demoSearch_findsSoySauce() {
        assertThat(DEMO.nomenclature().search("soy sauce", null, 3)).extracting(h -> h.commodity().code()).contains("210310");
    }

    private static String rateOf(String code) {
        return DEMO.schedule().mostSpecific(TariffRate.Kind.MFN, code, DAY).orElseThrow().rate().text();
    }
}
