package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartcustoms.tariff.Fixture.d;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.tariff.PriceNorms.Basis;

/** The one price norm: population, as-of cut, currency conversion, median rule and minimum count. */
class PriceNormsTest {
    private final ExchangeRateTable fx = Fixture.fx(); // EUR national; USD 0.90 from 2023, 0.95 from 2024

    private static final LocalDate JAN = LocalDate.of(2024, 1, 10);

    /** One item of 610910 from CN: {@code eur} EUR for {@code kg} kg, dated {@code date}. */
    private static Declaration shirt(LocalDate date, String value, String currency, String kg) {
        return Fixture.declaration(date, null, Fixture.item(1, "6109100010", "CN", value, currency, null, kg, List.of()));
    }

    private static double median(PriceNorms n, LocalDate asOf) {
        return n.norm("610910", "CN", Basis.PER_KG, asOf).orElseThrow().median();
    }

    @Test
    void noNormBelowTheMinimumCount_thenTheMiddleValue_thenTheMeanOfTheTwoMiddleOnes() {
        PriceNorms n = new PriceNorms();
        for (int k = 1; k <= 4; k++) n.add(shirt(JAN, String.valueOf(10 * k), "EUR", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(n.norm("610910", "CN", Basis.PER_KG, JAN.plusDays(1))).isEmpty(); // 4 < MIN_OBSERVATIONS
        n.add(shirt(JAN, "50", "EUR", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(median(n, JAN.plusDays(1))).isEqualTo(30.0); // 10 20 30 40 50
        n.add(shirt(JAN, "1000", "EUR", "1"), DeclarationStatus.CLEARED, fx);
        assertThat(median(n, JAN.plusDays(1))).isEqualTo(35.0); // 10 20 30 40 50 1000: (30 + 40) / 2
        assertThat(n.norm("610910", "CN", Basis.PER_KG, JAN.plusDays(1)).orElseThrow().observations()).isEqualTo(6);
        assertThat(PriceNorms.MIN_OBSERVATIONS).isEqualTo(5);
    }

    @Test
    void aLaterDeclarationDoesNotChangeAnEarlierAsOfNorm() {
        PriceNorms n = new PriceNorms();
        for (int k = 1; k <= 5; k++) n.add(shirt(JAN, String.valueOf(10 * k), "EUR", "1"), DeclarationStatus.RELEASED, fx);
        LocalDate asOf = JAN.plusDays(5);
        assertThat(median(n, asOf)).isEqualTo(30.0);
        // two expensive declarations dated after (and one ON) the as-of date: invisible to it
        n.add(shirt(asOf, "900", "EUR", "1"), DeclarationStatus.RELEASED, fx);
        n.add(shirt(asOf.plusDays(30), "900", "EUR", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(median(n, asOf)).isEqualTo(30.0);
        assertThat(median(n, asOf.plusDays(1))).isEqualTo(35.0);
        assertThat(median(n, asOf.plusDays(31))).isEqualTo(40.0);
        // and added out of date order, a past declaration still counts for the dates after it
        n.add(shirt(JAN.minusDays(1), "1", "EUR", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(median(n, asOf)).isEqualTo(25.0); // 1 10 20 30 40 50
        assertThat(n.norm("610910", "CN", Basis.PER_KG, JAN)).isEmpty(); // only the one from the day before
    }

    @Test
    void rejectedAndCancelledDeclarationsDoNotCount() {
        PriceNorms n = new PriceNorms();
        for (int k = 1; k <= 5; k++) n.add(shirt(JAN, String.valueOf(10 * k), "EUR", "1"), DeclarationStatus.UNDER_CONTROL, fx);
        n.add(shirt(JAN, "1", "EUR", "1"), DeclarationStatus.REJECTED, fx);
        n.add(shirt(JAN, "2", "EUR", "1"), DeclarationStatus.CANCELLED, fx);
        assertThat(median(n, JAN.plusDays(1))).isEqualTo(30.0);
        assertThat(n.size()).isEqualTo(5);
        assertThat(PriceNorms.counts(DeclarationStatus.REJECTED)).isFalse();
        assertThat(PriceNorms.counts(DeclarationStatus.CANCELLED)).isFalse();
        assertThat(PriceNorms.counts(DeclarationStatus.RELEASED)).isTrue();
    }

    @Test
    void valuesAreConvertedAtTheRateOfTheDeclarationDate() {
        // 100 USD/kg: 90 EUR/kg when declared in 2023, 95 EUR/kg when declared in 2024 (today's rate is 0.95)
        PriceNorms n = new PriceNorms();
        LocalDate in2023 = LocalDate.of(2023, 6, 1);
        for (int k = 0; k < 5; k++) n.add(shirt(in2023, "100", "USD", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(median(n, LocalDate.of(2024, 6, 1))).isEqualTo(90.0);
        for (int k = 0; k < 6; k++) n.add(shirt(JAN, "100", "USD", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(median(n, LocalDate.of(2024, 6, 1))).isEqualTo(95.0);
        // no rate for CNY: the item gives no unit value rather than a wrong one
        n.add(shirt(JAN, "100", "CNY", "1"), DeclarationStatus.RELEASED, fx);
        assertThat(n.size()).isEqualTo(11);
    }

    @Test
    void valuePrecedenceIsCustomsValueThenStatisticalValueAndBasesAreKeptApart() {
        GoodsItem both = new GoodsItem(1, "shirts", "610910", "CN", null, new Quantity(d("4"), "NAR"), d("2"), null,
                org.smartcustoms.declaration.Money.of("999", "EUR"), org.smartcustoms.declaration.Money.of("40", "EUR"),
                "1", "4000", List.of(), null, List.of(), List.of(), List.of(), List.of());
        Declaration decl = Fixture.declaration(JAN, null, both);
        assertThat(UnitValue.of(decl, both, Basis.PER_KG, fx).orElseThrow().value()).isEqualTo(20.0);
        assertThat(UnitValue.of(decl, both, Basis.PER_UNIT, fx).orElseThrow().value()).isEqualTo(10.0);
        PriceNorms n = new PriceNorms();
        for (int k = 0; k < 5; k++) n.add(decl, DeclarationStatus.RELEASED, fx);
        assertThat(n.norm("610910", "CN", Basis.PER_KG, JAN.plusDays(1)).orElseThrow().median()).isEqualTo(20.0);
        assertThat(n.norm("610910", "CN", Basis.PER_UNIT, JAN.plusDays(1)).orElseThrow().median()).isEqualTo(10.0);
        assertThat(n.norm("610910", null, Basis.PER_KG, JAN.plusDays(1))).isPresent(); // all origins pooled
        assertThat(n.norm("610910", "VN", Basis.PER_KG, JAN.plusDays(1))).isEmpty();
    }

    @Test
    void compareUsesTheDeclarationDateAsTheAsOfDate() {
        PriceNorms n = new PriceNorms();
        for (int k = 1; k <= 5; k++) n.add(shirt(JAN, String.valueOf(10 * k), "EUR", "1"), DeclarationStatus.RELEASED, fx);
        Declaration sameDay = shirt(JAN, "15", "EUR", "1");
        assertThat(n.compare(sameDay, sameDay.items().get(0), fx)).isEmpty(); // the norm's items are not "before"
        Declaration later = shirt(JAN.plusDays(1), "15", "EUR", "1");
        PriceNorms.Comparison c = n.compare(later, later.items().get(0), fx).orElseThrow();
        assertThat(c.norm().median()).isEqualTo(30.0);
        assertThat(c.deviation()).isEqualTo(-0.5);
        assertThat(c.norm().basis()).isEqualTo(Basis.PER_KG);
    }

    @Test
    void roundTripsThroughItsFileForm() throws Exception {
        PriceNorms n = new PriceNorms();
        for (int k = 1; k <= 6; k++) n.add(shirt(JAN.plusDays(k), String.valueOf(10 * k), "EUR", "1"), DeclarationStatus.RELEASED, fx);
        var bytes = new java.io.ByteArrayOutputStream();
        n.writeTo(new java.io.DataOutputStream(bytes));
        PriceNorms back = PriceNorms.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.size()).isEqualTo(6);
        assertThat(median(back, JAN.plusDays(6))).isEqualTo(30.0);
        assertThat(median(back, JAN.plusDays(7))).isEqualTo(35.0);
        assertThat(back.norm("610910", null, Basis.PER_KG, JAN.plusDays(7)).orElseThrow().median()).isEqualTo(35.0);
    }

    @Test
    void theWholeSeriesMedianAfterEveryAddIsTheSortedMedian_inAnyDateOrder() {
        // the model reads the median of a whole series after each add (kept by two heaps); it must be exactly the
        // median of the sorted values, also after out-of-order dates, duplicates and an even count
        java.util.Random random = new java.util.Random(42);
        PriceNorms n = new PriceNorms();
        List<Double> all = new java.util.ArrayList<>();
        List<Double> beforeFeb = new java.util.ArrayList<>();
        LocalDate feb = JAN.plusDays(30);
        for (int k = 0; k < 400; k++) {
            double v = random.nextInt(4) == 0 ? 25.0 : 1 + random.nextInt(1000) / 7.0;
            LocalDate date = JAN.plusDays(random.nextInt(60));
            n.add(new UnitValue("610910", "CN", Basis.PER_KG, date, v));
            all.add(v);
            if (date.isBefore(feb)) beforeFeb.add(v);
            double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
            if (values.length < PriceNorms.MIN_OBSERVATIONS) {
                assertThat(n.median("610910", "CN", Basis.PER_KG, LocalDate.MAX)).isNaN();
                continue;
            }
            double expected = PriceNorms.median(values, values.length);
            assertThat(n.median("610910", "CN", Basis.PER_KG, LocalDate.MAX)).as("after %d values", values.length).isEqualTo(expected);
            assertThat(n.median("610910", null, Basis.PER_KG, LocalDate.MAX)).isEqualTo(expected);
        }
        // an as-of date inside the series still cuts by date
        double[] early = beforeFeb.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(early.length).isBetween(PriceNorms.MIN_OBSERVATIONS, all.size() - 1);
        assertThat(n.median("610910", "CN", Basis.PER_KG, feb)).isEqualTo(PriceNorms.median(early, early.length));
    }
}
