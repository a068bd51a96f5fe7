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

    /** Past T-shirts from China, 18 / 20 / 20 / 22 / 25 EUR per kg, dated before {@link Fixture#DATE}: median 20. */
    private static final PriceNorms NORMS = new PriceNorms();

    static {
        for (String eur : List.of("1800", "2000", "2000", "2200", "2500")) {
            NORMS.add(Fixture.declaration(Fixture.DATE.minusDays(10), null,
                    Fixture.item(1, "610910", "CN", eur, "EUR", null, "100", List.of())),
                    org.smartcustoms.declaration.DeclarationStatus.RELEASED, Fixture.fx());
        }
    }

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
        assertThat(delta.hypothesis()).contains("median 20 EUR/kg for HS 610910 from CN");
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
