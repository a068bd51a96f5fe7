package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TariffScheduleTest {

    private static TariffSchedule parse(String csv) {
        return TariffSchedule.parse(new StringReader(csv), "rates.csv");
    }

    @Test
    void fileWithErrors_isRejectedWhole_withEveryLineNumber() {
        String csv = """
                kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
                MFN,6109,,,,12%,2020-01-01,,,fine
                # a comment line still counts as a line
                MFN,6110,,,,12 percent,2020-01-01,,,bad expression
                DUTY,6111,,,,5%,2020-01-01,,,bad kind
                PREF,,EPA,,JP,0%,2020-01-01,,required,no agreement
                MFN,61x2,,,,5%,2020-01-01,,,bad prefix
                MFN,6113,,,,5%,2020/01/01,,,bad date
                MFN,6114,,,,"max(5%, 2 EUR/XYZ)",2020-01-01,,,unknown unit
                VAT,,STANDARD,,,2 EUR/KGM,2020-01-01,,,vat must be a percentage
                PREF,,GSP,GSP,BD,0%,2020-01-01,,maybe,bad proof
                MFN,6115,,,,5%,2021-01-01,2020-01-01,,to before from
                """;
        assertThatThrownBy(() -> parse(csv)).isInstanceOfSatisfying(TariffDataException.class, e -> {
            assertThat(e.source()).isEqualTo("rates.csv");
            assertThat(e.errors()).hasSize(9);
            assertThat(e.errors().get(0)).startsWith("line 4: ").contains("12 percent");
            assertThat(e.errors().get(1)).startsWith("line 5: ").contains("kind must be one of");
            assertThat(e.errors().get(2)).startsWith("line 6: ").contains("agreement");
            assertThat(e.errors().get(3)).startsWith("line 7: ").contains("hs_prefix");
            assertThat(e.errors().get(4)).startsWith("line 8: ").contains("ISO");
            assertThat(e.errors().get(5)).startsWith("line 9: ").contains("unknown unit 'XYZ'");
            assertThat(e.errors().get(6)).startsWith("line 10: ").contains("VAT rate must be a percentage");
            assertThat(e.errors().get(7)).startsWith("line 11: ").contains("proof");
            assertThat(e.errors().get(8)).startsWith("line 12: ").contains("before valid_from");
        });
    }

    @Test
    void overlappingRates_areRejectedNamingBothLines() {
        String csv = """
                kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
                MFN,6109,,,,12%,2020-01-01,2022-12-31,,
                MFN,6109,,,,10%,2023-01-01,,,successor: fine
                MFN,6109,,,,11%,2022-06-01,,,overlaps both
                """;
        assertThatThrownBy(() -> parse(csv)).isInstanceOfSatisfying(TariffDataException.class, e ->
                assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith("line 4: ").contains("line 2"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 4: ").contains("line 3")));
    }

    @Test
    void missingColumn_isReportedOnLine1() {
        assertThatThrownBy(() -> parse("kind,hs_prefix,rate\nMFN,01,5%\n"))
                .isInstanceOfSatisfying(TariffDataException.class, e -> assertThat(e.errors().get(0))
                        .startsWith("line 1: missing column(s)").contains("valid_from"));
    }

    @Test
    void mostSpecificPrefixWins_andRatesAreEffectiveDated() {
        TariffSchedule s = parse("""
                kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
                MFN,84,,,,3%,2020-01-01,,,chapter default
                MFN,8471,,,,2%,2020-01-01,2023-12-31,,
                MFN,8471,,,,free,2024-01-01,,,
                MFN,847130,,,,1%,2020-01-01,,,
                """);
        assertThat(s.mostSpecific(TariffRate.Kind.MFN, "8471300000", LocalDate.of(2024, 5, 1)).orElseThrow().rate().text()).isEqualTo("1%");
        assertThat(s.mostSpecific(TariffRate.Kind.MFN, "8471410000", LocalDate.of(2023, 5, 1)).orElseThrow().rate().text()).isEqualTo("2%");
        assertThat(s.mostSpecific(TariffRate.Kind.MFN, "8471410000", LocalDate.of(2024, 5, 1)).orElseThrow().rate().text()).isEqualTo("free");
        assertThat(s.mostSpecific(TariffRate.Kind.MFN, "8415100000", LocalDate.of(2024, 5, 1)).orElseThrow().line()).isEqualTo(2);
        assertThat(s.mostSpecific(TariffRate.Kind.MFN, "8415100000", LocalDate.of(2019, 5, 1))).isEmpty();
    }

    @Test
    void preferencesArePerAgreement_andOnlyForListedOrigins() {
        TariffSchedule s = parse("""
                kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
                PREF,,EPA,EPA-JP,JP,0%,2019-02-01,,,
                PREF,0406,EPA,EPA-JP,JP,3%,2019-02-01,,,
                PREF,,GSP,GSP,BD KH;MM,0%,2014-01-01,,none,
                """);
        LocalDate d = LocalDate.of(2024, 1, 1);
        assertThat(s.preferences("040690", "JP", null, d)).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(3));
        assertThat(s.preferences("040690", "MM", null, d)).singleElement().satisfies(r -> {
            assertThat(r.agreement()).isEqualTo("GSP");
            assertThat(r.proofRequired()).isFalse();
        });
        assertThat(s.preferences("040690", "CN", null, d)).isEmpty();
        assertThat(s.preferences("040690", "JP", "GSP", d)).isEmpty();
        assertThat(s.agreements()).containsExactly("EPA-JP", "GSP");
    }

    @Test
    void rateExpressions_parseAndEvaluate() {
        RateExpression.Basis basis = new RateExpression.Basis() {
            public BigDecimal base() { return new BigDecimal("1000"); }
            public BigDecimal quantity(String unit) {
                return Map.of("KGM", new BigDecimal("20"), "NAR", new BigDecimal("4")).get(unit);
            }
            public BigDecimal toNational(BigDecimal amount, String currency) {
                return currency.equals("USD") ? amount.multiply(new BigDecimal("0.5")) : amount;
            }
        };
        assertThat(RateExpression.parse("6.4%").amount(basis)).isEqualByComparingTo("64");
        assertThat(RateExpression.parse("12 EUR/KGM").amount(basis)).isEqualByComparingTo("240");
        assertThat(RateExpression.parse("12 usd / kgm").amount(basis)).isEqualByComparingTo("120");
        assertThat(RateExpression.parse("5% + 2 EUR/KGM").amount(basis)).isEqualByComparingTo("90");
        assertThat(RateExpression.parse("max(10%, 30 EUR/NAR)").amount(basis)).isEqualByComparingTo("120");
        assertThat(RateExpression.parse("min(10%, 30 EUR/NAR)").amount(basis)).isEqualByComparingTo("100");
        assertThat(RateExpression.parse("max(5% + 1 EUR/KGM, min(2%, 1 EUR/NAR))").amount(basis)).isEqualByComparingTo("70");
        assertThat(RateExpression.parse("free").amount(basis)).isEqualByComparingTo("0");
        assertThat(RateExpression.parse("EXEMPT").isZero()).isTrue();
        assertThat(RateExpression.parse(" 5%+2 EUR/KGM ").text()).isEqualTo("5% + 2 EUR/KGM");
        for (String bad : new String[] {"", "5", "5 EUR", "5 EUR/", "max(5%)", "max(5%, 3%", "5% +", "-5%", "abc", "5% 3%"}) {
            assertThatThrownBy(() -> RateExpression.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
