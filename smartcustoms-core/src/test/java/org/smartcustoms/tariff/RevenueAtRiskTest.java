package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smartcustoms.tariff.Fixture.d;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Quantity;

class RevenueAtRiskTest {
    private final Assessor assessor = Fixture.assessor();
    private final ExchangeRateTable fx = Fixture.fx();

    private static final PriceNorms NORMS = InMemoryPriceNorms.of(List.of(
            new InMemoryPriceNorms.Observation("610910", "CN", PriceNorms.Basis.PER_KG, d("18")),
            new InMemoryPriceNorms.Observation("610910", "CN", PriceNorms.Basis.PER_KG, d("25")),
            new InMemoryPriceNorms.Observation("610910", "CN", PriceNorms.Basis.PER_KG, d("20"))));

    @Test
    void undervaluation_tshirts_10eur_per_kg_vs_median_20_adds_344() {
        // declared 1000 EUR / 100 kg: duty 120.00 + VAT 224.00 = 344.00
        // at median 20 EUR/kg: 2000 EUR → duty 240.00 + VAT 20% × 2240 = 448.00 → 688.00; difference 344.00
        GoodsItem item = Fixture.item(1, "610910", "CN", "1000", "EUR", null, "100", List.of());
        Declaration decl = Fixture.declaration(Fixture.DATE, "CIF", item);
        RevenueDelta delta = new RevenueAtRisk(assessor, NORMS, fx).undervaluation(decl, item).orElseThrow();
        assertThat(delta.declared().total().amount()).isEqualByComparingTo("344.00");
        assertThat(delta.hypothetical().customsValue().amount()).isEqualByComparingTo("2000.00");
        assertThat(delta.hypothetical().total().amount()).isEqualByComparingTo("688.00");
        assertThat(delta.difference().amount()).isEqualByComparingTo("344.00");
        assertThat(delta.atRisk().amount()).isEqualByComparingTo("344.00");
        assertThat(delta.hypothesis()).contains("median 20 EUR/kg");
    }

    @Test
    void undervaluation_isEmptyWithoutNormOrMass() {
        GoodsItem otherOrigin = Fixture.item(1, "610910", "TR", "1000", "EUR", null, "100", List.of());
        GoodsItem noMass = Fixture.item(1, "610910", "CN", "1000", "EUR", null, null, List.of());
        RevenueAtRisk rar = new RevenueAtRisk(assessor, NORMS, fx);
        assertThat(rar.undervaluation(Fixture.declaration(Fixture.DATE, null, otherOrigin), otherOrigin)).isEmpty();
        assertThat(rar.undervaluation(Fixture.declaration(Fixture.DATE, null, noMass), noMass)).isEmpty();
    }

    @Test
    void normsFromDeclarations_convertCurrencyAndTakeMedianOfEvenCount() {
        // 2024 USD rate 0.95: 1000 USD / 50 kg = 19 EUR/kg; 2000 EUR / 100 kg = 20; 1050 EUR / 50 kg = 21; 600/25 = 24
        // median of 19, 20, 21, 24 = (20 + 21) / 2 = 20.5; per unit: 1000 USD × 0.95 / 10 pieces = 95
        LocalDate date = LocalDate.of(2024, 2, 1);
        List<Declaration> past = List.of(
                Fixture.declaration(date, null, Fixture.item(1, "6109100010", "CN", "1000", "USD", new Quantity(d("10"), "NAR"), "50", List.of())),
                Fixture.declaration(date, null, Fixture.item(1, "610910", "CN", "2000", "EUR", null, "100", List.of()),
                        Fixture.item(2, "610910", "CN", "1050", "EUR", null, "50", List.of())),
                Fixture.declaration(date, null, Fixture.item(1, "610910", "CN", "600", "EUR", null, "25", List.of()),
                        Fixture.item(2, "610910", "CN", "600", "CNY", null, "25", List.of())));   // no CNY rate: skipped
        InMemoryPriceNorms norms = InMemoryPriceNorms.fromDeclarations(past, fx);
        assertThat(norms.medianUnitValue("610910", "CN")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("20.5"));
        assertThat(norms.medianUnitValue("610910", "CN", PriceNorms.Basis.PER_UNIT)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("95"));
        assertThat(norms.medianUnitValue("610910", "VN")).isEmpty();
    }

    @Test
    void reclassification_laptop_as_airConditioner_adds_25_92() {
        // declared 8471 free: VAT 160.00; as 8415 2.7%: duty 21.60 + VAT 20% × 821.60 = 164.32 → 185.92; diff 25.92
        GoodsItem item = Fixture.item(1, "84713000", "CN", "800", "EUR", null, "2", List.of());
        Declaration decl = Fixture.declaration(Fixture.DATE, null, item);
        RevenueDelta delta = new RevenueAtRisk(assessor, NORMS, fx).reclassification(decl, item, "8415.10");
        assertThat(delta.hypothetical().commodityCode()).isEqualTo("841510");
        assertThat(delta.difference().amount()).isEqualByComparingTo("25.92");
    }

    @Test
    void reclassification_canLowerRevenue_atRiskIsThenZero() {
        // 6404 min(17%, 3.5/pair) on 1000 EUR, 100 pairs = 170.00 + VAT 234.00 = 404.00
        // 6402 max(16.9%, 1.5/pair) = 169.00 + VAT 233.80 = 402.80; difference -1.20
        GoodsItem item = Fixture.item(1, "640411", "VN", "1000", "EUR", new Quantity(d("100"), "NPR"), "60", List.of());
        Declaration decl = Fixture.declaration(Fixture.DATE, null, item);
        RevenueDelta delta = new RevenueAtRisk(assessor, NORMS, fx).reclassification(decl, item, "640299");
        assertThat(delta.difference().amount()).isEqualByComparingTo("-1.20");
        assertThat(delta.atRisk().amount()).isEqualByComparingTo("0.00");
        assertThatThrownBy(() -> new RevenueAtRisk(assessor, NORMS, fx).reclassification(decl, item, "640300"))
                .isInstanceOf(UnknownCommodityCodeException.class);
    }
}
