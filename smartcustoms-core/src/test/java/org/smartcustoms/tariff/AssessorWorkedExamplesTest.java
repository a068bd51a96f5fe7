package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smartcustoms.tariff.Fixture.d;
import static org.smartcustoms.tariff.Fixture.estimate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DocumentRef;
import org.smartcustoms.declaration.Quantity;

/**
 * Hand-checked worked examples against {@link Fixture}. Each test name carries the figures; the comment shows
 * the arithmetic. Amounts are EUR, rounded to 2 decimals HALF_UP.
 */
class AssessorWorkedExamplesTest {
    private final Assessor assessor = Fixture.assessor();

    private static void assertFigures(ItemAssessment a, String customsValue, String duty, String excise, String vat, String total) {
        assertThat(a.customsValue().amount()).isEqualByComparingTo(customsValue);
        assertThat(a.duty().amount().amount()).isEqualByComparingTo(duty);
        assertThat(a.excise().amount().amount()).isEqualByComparingTo(excise);
        assertThat(a.vat().amount().amount()).isEqualByComparingTo(vat);
        assertThat(a.total().amount()).isEqualByComparingTo(total);
        assertThat(a.total().currency()).isEqualTo("EUR");
        assertThat(a.total().amount().scale()).isEqualTo(2);
    }

    @Test
    void adValorem_tshirts_1000_at_12pct_duty_120_vat_224_total_344() {
        // duty 1000 × 12% = 120.00; VAT 20% × (1000 + 120) = 224.00
        ItemAssessment a = assessor.estimate(estimate("610910", "CN", "1000", "EUR", null, null));
        assertFigures(a, "1000.00", "120.00", "0.00", "224.00", "344.00");
        assertThat(a.duty().regime()).isEqualTo("MFN");
        assertThat(a.duty().rate()).isEqualTo("12%");
        assertThat(a.explanation()).contains("MFN 12% applied (origin CN, no preferential arrangement)");
    }

    @Test
    void specificPerKg_poultry_200kg_at_1_02_duty_204_reducedVat_35_20() {
        // duty 1.02 EUR/kg × 200 kg = 204.00; VAT reduced 5% × (500 + 204) = 35.20; total 239.20
        ItemAssessment a = assessor.estimate(estimate("020714", "BR", "500", "EUR", "200", "KGM"));
        assertFigures(a, "500.00", "204.00", "0.00", "35.20", "239.20");
        assertThat(a.vat().rate()).isEqualTo("5%");
    }

    @Test
    void specificPerKg_withoutQuantity_failsClearly() {
        assertThatThrownBy(() -> assessor.estimate(estimate("020714", "BR", "500", "EUR", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity in KGM");
    }

    @Test
    void specificPerLitre_wine_150l_at_0_32_duty_48_vat_69_60() {
        // duty 0.32 × 150 = 48.00; VAT standard (alcohol overrides food) 20% × 348 = 69.60; total 117.60
        ItemAssessment a = assessor.estimate(estimate("220421", "AU", "300", "EUR", "150", "LTR"));
        assertFigures(a, "300.00", "48.00", "0.00", "69.60", "117.60");
    }

    @Test
    void compound_chocolate_2000eur_400kg_duty_266_vat_113_30() {
        // duty 8.3% × 2000 = 166.00 + 0.25 × 400 kg = 100.00 → 266.00; VAT 5% × 2266 = 113.30; total 379.30
        ItemAssessment a = assessor.estimate(estimate("180632", "CH", "2000", "EUR", "400", "KGM"));
        assertFigures(a, "2000.00", "266.00", "0.00", "113.30", "379.30");
        assertThat(a.duty().rate()).isEqualTo("8.3% + 0.25 EUR/KGM");
    }

    @Test
    void mixedMax_footwear_500eur_100pairs_specific_150_beats_84_50() {
        // max(16.9% × 500 = 84.50, 1.5 × 100 pairs = 150.00) = 150.00; VAT 20% × 650 = 130.00; total 280.00
        ItemAssessment a = assessor.estimate(estimate("640299", "VN", "500", "EUR", "100", "NPR"));
        assertFigures(a, "500.00", "150.00", "0.00", "130.00", "280.00");
    }

    @Test
    void mixedMin_footwear_1000eur_100pairs_adValorem_170_beats_350() {
        // min(17% × 1000 = 170.00, 3.5 × 100 = 350.00) = 170.00; VAT 20% × 1170 = 234.00; total 404.00
        ItemAssessment a = assessor.estimate(estimate("640411", "VN", "1000", "EUR", "100", "NPR"));
        assertFigures(a, "1000.00", "170.00", "0.00", "234.00", "404.00");
    }

    @Test
    void free_laptop_800eur_duty_0_vat_160() {
        // MFN free; VAT 20% × 800 = 160.00; national line 84713000 resolves
        ItemAssessment a = assessor.estimate(estimate("84713000", "CN", "800", "EUR", null, null));
        assertFigures(a, "800.00", "0.00", "0.00", "160.00", "160.00");
        assertThat(a.duty().rate()).isEqualTo("free");
    }

    @Test
    void epaPreferenceWithProof_car_20000_duty_0_instead_of_2000() {
        // EPA-JP 0% instead of MFN 10% (2000.00); VAT 20% × 20000 = 4000.00
        EstimateRequest r = new EstimateRequest("870323", "JP", d("20000"), "EUR", null, null, Fixture.DATE, null,
                true, "CIF", null, null);
        ItemAssessment a = assessor.estimate(r);
        assertFigures(a, "20000.00", "0.00", "0.00", "4000.00", "4000.00");
        assertThat(a.duty().regime()).isEqualTo("EPA");
        assertThat(a.duty().agreement()).isEqualTo("EPA-JP");
        assertThat(a.explanation()).contains(
                "EPA preferential (EPA-JP) 0% applied instead of MFN 10% (origin JP, proof of origin declared)");
    }

    @Test
    void epaPreferenceRefusedWithoutProof_car_20000_duty_2000_vat_4400() {
        // no proof → MFN 10% = 2000.00; VAT 20% × 22000 = 4400.00; total 6400.00
        ItemAssessment a = assessor.estimate(estimate("870323", "JP", "20000", "EUR", null, null));
        assertFigures(a, "20000.00", "2000.00", "0.00", "4400.00", "6400.00");
        assertThat(a.duty().regime()).isEqualTo("MFN");
        assertThat(a.duty().reason()).contains("refused, no proof of origin declared (origin JP)");
    }

    @Test
    void gspForLdcOrigin_tshirts_from_BD_duty_0_without_proof_because_regime_needs_none() {
        // GSP-LDC 0% (proof 'none') instead of MFN 12%; VAT 20% × 1000 = 200.00
        ItemAssessment a = assessor.estimate(estimate("610910", "BD", "1000", "EUR", null, null));
        assertFigures(a, "1000.00", "0.00", "0.00", "200.00", "200.00");
        assertThat(a.duty().agreement()).isEqualTo("GSP-LDC");
        assertThat(a.duty().reason()).contains("no proof of origin required");
    }

    @Test
    void requestedAgreementNotCoveringOrigin_fallsBackToMfn() {
        EstimateRequest r = new EstimateRequest("610910", "CN", d("1000"), "EUR", null, null, Fixture.DATE, "EPA-JP",
                true, null, null, null);
        ItemAssessment a = assessor.estimate(r);
        assertThat(a.duty().amount().amount()).isEqualByComparingTo("120.00");
        assertThat(a.duty().reason()).contains("agreement EPA-JP gives no preference");
    }

    @Test
    void currencyConversion_usesRateValidOnDeclarationDate_0_90_before_0_95_after_2024_01_01() {
        // 2023-12-31: 1000 USD × 0.90 = 900.00; duty 2.7% = 24.30; VAT 20% × 924.30 = 184.86; total 209.16
        // 2024-01-02: 1000 USD × 0.95 = 950.00; duty 2.7% = 25.65; VAT 20% × 975.65 = 195.13; total 220.78
        Declaration before = Fixture.declaration(LocalDate.of(2023, 12, 31), "CIF",
                Fixture.item(1, "841510", "CN", "1000", "USD", null, "30", List.of()));
        Declaration after = Fixture.declaration(LocalDate.of(2024, 1, 2), "CIF",
                Fixture.item(1, "841510", "CN", "1000", "USD", null, "30", List.of()));
        ItemAssessment a = assessor.assess(before).items().get(0);
        ItemAssessment b = assessor.assess(after).items().get(0);
        assertThat(a.exchangeRate()).isEqualByComparingTo("0.90");
        assertFigures(a, "900.00", "24.30", "0.00", "184.86", "209.16");
        assertThat(b.exchangeRate()).isEqualByComparingTo("0.95");
        assertFigures(b, "950.00", "25.65", "0.00", "195.13", "220.78");
    }

    @Test
    void fobAddsConfiguredFivePercent_1000_becomes_1050_duty_28_35_vat_215_67() {
        // FOB 1000 + 5% = 1050.00; duty 2.7% = 28.35; VAT 20% × 1078.35 = 215.67; total 244.02
        EstimateRequest r = new EstimateRequest("841510", "CN", d("1000"), "EUR", null, null, Fixture.DATE, null,
                false, "FOB", null, null);
        ItemAssessment a = assessor.estimate(r);
        assertThat(a.freightAndInsurance().amount()).isEqualByComparingTo("50.00");
        assertFigures(a, "1050.00", "28.35", "0.00", "215.67", "244.02");
    }

    @Test
    void fobAddsDeclaredFreight120AndInsurance10_but_cifAddsNothing() {
        // FOB 1000 + 120 + 10 = 1130.00; duty 2.7% = 30.51; VAT 20% × 1160.51 = 232.10 (232.102); total 262.61
        EstimateRequest fob = new EstimateRequest("841510", "CN", d("1000"), "EUR", null, null, Fixture.DATE, null,
                false, "FOB", d("120"), d("10"));
        assertFigures(assessor.estimate(fob), "1130.00", "30.51", "0.00", "232.10", "262.61");
        EstimateRequest cif = new EstimateRequest("841510", "CN", d("1000"), "EUR", null, null, Fixture.DATE, null,
                false, "CIF", d("120"), d("10"));
        ItemAssessment c = assessor.estimate(cif);
        assertThat(c.freightAndInsurance().amount()).isEqualByComparingTo("0.00");
        assertFigures(c, "1000.00", "27.00", "0.00", "205.40", "232.40");
    }

    @Test
    void reducedVatForFood_roastedCoffee_1000_duty_75_vat5pct_53_75() {
        // 090121 (7.5%) is more specific than 0901 (free): duty 75.00; VAT 5% × 1075 = 53.75; total 128.75
        ItemAssessment a = assessor.estimate(estimate("090121", "BR", "1000", "EUR", null, null));
        assertFigures(a, "1000.00", "75.00", "0.00", "53.75", "128.75");
        assertThat(a.vat().regime()).isEqualTo("REDUCED");
    }

    @Test
    void excise_whisky_70l_at_6_per_litre_420_vat_on_value_plus_excise_224() {
        // duty free; excise 6 × 70 = 420.00; VAT 20% × (700 + 0 + 420) = 224.00; total 644.00
        ItemAssessment a = assessor.estimate(estimate("220830", "US", "700", "EUR", "70", "LTR"));
        assertFigures(a, "700.00", "0.00", "420.00", "224.00", "644.00");
        assertThat(a.vat().base().amount()).isEqualByComparingTo("1120.00");
    }

    @Test
    void roundingHalfUp_123_45_at_2_7pct_is_3_33_and_vat_25_36() {
        // 123.45 × 2.7% = 3.33315 → 3.33; VAT 20% × 126.78 = 25.356 → 25.36; total 28.69
        ItemAssessment a = assessor.estimate(estimate("841510", "CN", "123.45", "EUR", null, null));
        assertFigures(a, "123.45", "3.33", "0.00", "25.36", "28.69");
    }

    @Test
    void declarationTotals_areSumsOfItems_and_proofOfOriginFromDocument() {
        // item 1: car JP with EUR.1 (N954) → duty 0, VAT 4000.00; item 2: T-shirts CN 1000 → 120.00 + 224.00
        Declaration decl = Fixture.declaration(Fixture.DATE, "CIF",
                Fixture.item(1, "870323", "JP", "20000", "EUR", new Quantity(d("1"), "NAR"), "1200",
                        List.of(new DocumentRef(null, "N954", "EUR1-778"))),
                Fixture.item(2, "610910", "CN", "1000", "EUR", null, "50", List.of()));
        DeclarationAssessment da = assessor.assess(decl);
        assertThat(da.items()).hasSize(2);
        assertThat(da.items().get(0).duty().agreement()).isEqualTo("EPA-JP");
        assertThat(da.customsValue().amount()).isEqualByComparingTo("21000.00");
        assertThat(da.duty().amount()).isEqualByComparingTo("120.00");
        assertThat(da.vat().amount()).isEqualByComparingTo("4224.00");
        assertThat(da.total().amount()).isEqualByComparingTo("4344.00");
        assertThat(da.currency()).isEqualTo("EUR");
    }

    @Test
    void preferenceCode100_meansNoPreferenceClaimed_evenWithProof() {
        // EU preference code 100 = third-country duty: MFN 10% = 2000.00 although EPA-JP and a proof exist
        org.smartcustoms.declaration.GoodsItem item = new org.smartcustoms.declaration.GoodsItem(1, "car", "870323",
                "JP", null, null, d("1200"), null, null, org.smartcustoms.declaration.Money.of("20000", "EUR"), "1",
                "4000", List.of(), "100", List.of(), List.of(new DocumentRef(null, "N954", "EUR1")), List.of(), List.of());
        ItemAssessment a = assessor.assess(Fixture.declaration(Fixture.DATE, "CIF", item)).items().get(0);
        assertThat(a.duty().amount().amount()).isEqualByComparingTo("2000.00");
        assertThat(a.duty().reason()).contains("no preference claimed");
        // preference code 300 claims it
        org.smartcustoms.declaration.GoodsItem claimed = new org.smartcustoms.declaration.GoodsItem(1, "car", "870323",
                "JP", null, null, d("1200"), null, null, org.smartcustoms.declaration.Money.of("20000", "EUR"), "1",
                "4000", List.of(), "300", List.of(), List.of(new DocumentRef(null, "N954", "EUR1")), List.of(), List.of());
        assertThat(assessor.assess(Fixture.declaration(Fixture.DATE, "CIF", claimed)).items().get(0).duty().amount().amount())
                .isEqualByComparingTo("0.00");
    }

    @Test
    void estimatorAgreesWithAssessment_forTheSameFacts() {
        // FOB in USD with declared freight, JP origin with proof, specific + ad valorem rates in play
        LocalDate date = LocalDate.of(2024, 2, 10);
        Declaration decl = new Declaration(FunctionCode.ORIGINAL, "LRN-2", org.smartcustoms.declaration.DeclarationType.parse("IMA"),
                "OFFICE1", date, List.of(), null, null, null, "FOB Yokohama", null,
                List.of(new DocumentRef(null, "U164", "STATEMENT-1")), List.of(
                new org.smartcustoms.declaration.GoodsItem(1, "chocolate", "180632", "CH", null,
                        new Quantity(d("400"), "KGM"), d("400"), null, org.smartcustoms.declaration.Money.of("2100", "USD"),
                        org.smartcustoms.declaration.Money.of("2100", "USD"), "1", "4000", List.of(), null, List.of(),
                        List.of(), List.of(), List.of(new org.smartcustoms.declaration.AdditionalInformation("FREIGHT", "80 USD"))),
                new org.smartcustoms.declaration.GoodsItem(2, "car", "870323", "JP", null,
                        new Quantity(d("1"), "NAR"), d("1300"), null, org.smartcustoms.declaration.Money.of("3000000", "JPY"),
                        null, "1", "4000", List.of(), null, List.of(), List.of(), List.of(), List.of())));
        DeclarationAssessment da = assessor.assess(decl);

        ItemAssessment est1 = assessor.estimate(new EstimateRequest("180632", "CH", d("2100"), "USD", d("400"), "KGM",
                date, null, true, "FOB", d("80"), null));
        ItemAssessment est2 = assessor.estimate(new EstimateRequest("870323", "JP", d("3000000"), "JPY", d("1300"), "KGM",
                date, null, true, "FOB", null, null));
        assertThat(est1).isEqualTo(da.items().get(0));
        assertThat(est2).usingRecursiveComparison().ignoringFields("sequence").isEqualTo(da.items().get(1));
        // and the figures are the hand-checked ones: 3,000,000 JPY × 0.0062 = 18600.00 + 5% = 930.00 → 19530.00
        assertThat(est2.customsValue().amount()).isEqualByComparingTo("19530.00");
        assertThat(est2.duty().amount().amount()).isEqualByComparingTo("0.00");
        assertThat(est2.vat().amount().amount()).isEqualByComparingTo("3906.00");
        // (2100 + 80) USD × 0.95 = 2071.00; duty 8.3% × 2071 = 171.893 + 100.00 = 271.89; VAT 5% × 2342.89 = 117.14
        assertThat(est1.customsValue().amount()).isEqualByComparingTo("2071.00");
        assertThat(est1.duty().amount().amount()).isEqualByComparingTo("271.89");
        assertThat(est1.vat().amount().amount()).isEqualByComparingTo("117.14");
    }

    @Test
    void unknownCode_namesNearestValidCodes() {
        assertThatThrownBy(() -> assessor.estimate(estimate("090111", "BR", "100", "EUR", null, null)))
                .isInstanceOfSatisfying(UnknownCommodityCodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("090111");
                    assertThat(e.nearestCodes()).first().isEqualTo("090121");
                    assertThat(e.getMessage()).contains("090111").contains("090121");
                });
    }

    @Test
    void chapterOrSection_isTooGeneralToAssess() {
        assertThatThrownBy(() -> assessor.estimate(estimate("61", "CN", "100", "EUR", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("61 is a chapter").hasMessageContaining("6109");
        assertThatThrownBy(() -> assessor.estimate(estimate("XI", "CN", "100", "EUR", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a section");
    }

    @Test
    void nationalLineOutsideItsValidity_isUnknown() {
        // tablets line 84713090 ended 2023-12-31
        assertThat(assessor.estimate(new EstimateRequest("84713090", "CN", d("100"), "EUR", null, null,
                LocalDate.of(2023, 6, 1), null, false, null, null, null)).duty().amount().amount()).isEqualByComparingTo("0.00");
        assertThatThrownBy(() -> assessor.estimate(estimate("84713090", "CN", "100", "EUR", null, null)))
                .isInstanceOf(UnknownCommodityCodeException.class);
    }

    @Test
    void missingExchangeRate_isAnErrorNotAZero() {
        assertThatThrownBy(() -> assessor.estimate(estimate("610910", "CN", "1000", "CNY", null, null)))
                .isInstanceOfSatisfying(MissingExchangeRateException.class, e -> {
                    assertThat(e.currency()).isEqualTo("CNY");
                    assertThat(e.date()).isEqualTo(Fixture.DATE);
                });
        // USD exists, but not before 2023-01-01
        assertThatThrownBy(() -> assessor.estimate(new EstimateRequest("610910", "CN", d("1"), "USD", null, null,
                LocalDate.of(2022, 12, 31), null, false, null, null, null)))
                .isInstanceOf(MissingExchangeRateException.class).hasMessageContaining("USD").hasMessageContaining("2022-12-31");
    }

    @Test
    void negativeValueOrQuantity_isRejectedWithMessage() {
        assertThatThrownBy(() -> estimate("610910", "CN", "-5", "EUR", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value must not be negative");
        assertThatThrownBy(() -> estimate("610910", "CN", "5", "EUR", "-1", "KGM"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity must not be negative");
        Declaration decl = Fixture.declaration(Fixture.DATE, null,
                Fixture.item(3, "610910", "CN", "-10", "EUR", null, null, List.of()));
        assertThatThrownBy(() -> assessor.assess(decl))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 3").hasMessageContaining("negative");
        Declaration massNeg = Fixture.declaration(Fixture.DATE, null,
                Fixture.item(4, "610910", "CN", "10", "EUR", null, "-2", List.of()));
        assertThatThrownBy(() -> assessor.assess(massNeg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 4");
    }

    @Test
    void vatBaseIncludesDuty() {
        ItemAssessment a = assessor.estimate(estimate("610910", "CN", "1000", "EUR", null, null));
        assertThat(a.vat().base().amount()).isEqualByComparingTo(new BigDecimal("1120.00"));
    }
}
