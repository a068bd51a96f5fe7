package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a tariff from files as the server does at start: HS-format file + national lines + rates + fx. */
class TariffDataFilesTest {
    private static final String HS = """
            \uFEFFsection,hscode,description,parent,level
            XI,61,"Apparel, knitted",TOTAL,2
            XI,6109,"T-shirts, knitted",61,4
            XI,610910,"T-shirts, of cotton",6109,6
            XI,610990,"T-shirts, of other textiles",6109,6
            TOTAL,TOTAL,Total of all commodities,TOTAL,5
            """;

    @Test
    void loadsAllFilesAndAssesses(@TempDir Path dir) throws IOException {
        Path hs = Files.writeString(dir.resolve("hs.csv"), HS);
        Path sections = Files.writeString(dir.resolve("sections.csv"), "section,name\nXI,Textiles\n");
        Path national = Files.writeString(dir.resolve("national.csv"),
                "code,description,valid_from\n61091000,Men's T-shirts of cotton,2022-01-01\n");
        Path rates = Files.writeString(dir.resolve("rates.csv"), """
                kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
                MFN,6109,,,,12%,2020-01-01,,,
                VAT,,,,,20%,2020-01-01,,,
                """);
        Path fx = Files.writeString(dir.resolve("fx.csv"), "currency,rate,valid_from\nUSD,0.9,2020-01-01\n");
        TariffData data = TariffData.fromFiles(hs, sections, List.of(national), rates, fx, "EUR", AssessmentPolicy.defaults());

        assertThat(data.nomenclature().size()).isEqualTo(5);
        assertThat(data.nomenclature().lookup("61091000", LocalDate.of(2024, 1, 1)).orElseThrow().path())
                .extracting(CommodityCode::code).containsExactly("XI", "61", "6109", "610910", "61091000");
        // 100 USD × 0.9 = 90.00; duty 12% = 10.80; VAT 20% × 100.80 = 20.16; total 30.96
        ItemAssessment a = data.assessor().estimate(EstimateRequest.of("61091000", "CN", new BigDecimal("100"), "USD",
                LocalDate.of(2024, 1, 1)));
        assertThat(a.total().amount()).isEqualByComparingTo("30.96");
    }

    @Test
    void hsFileErrors_areListedByLine() {
        String bad = """
                section,hscode,description,parent,level
                XI,61,Apparel,TOTAL,2
                XI,6109,T-shirts,61,6
                XI,61099,Odd,6109,5
                ZZ,6110,Jerseys,61,4
                XI,611010,Wool jerseys,6109,6
                """;
        assertThatThrownBy(() -> new NomenclatureLoader().harmonizedSystem(new StringReader(bad), "hs.csv"))
                .isInstanceOfSatisfying(TariffDataException.class, e -> assertThat(e.errors()).containsExactly(
                        "line 3: level '6' does not match code 6109",
                        "line 4: hscode must have 2, 4 or 6 digits, got '61099'",
                        "line 5: section must be a roman numeral, got 'ZZ'",
                        "line 6: parent '6109' is not the code's direct ancestor"));
    }
}
