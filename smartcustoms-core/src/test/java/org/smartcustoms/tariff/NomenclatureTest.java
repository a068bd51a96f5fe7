package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class NomenclatureTest {
    private final Nomenclature nom = Fixture.nomenclature();
    private static final LocalDate D = Fixture.DATE;

    @Test
    void lookupGivesFullHierarchy_sectionToNationalLine() {
        Classification c = nom.lookup("8471.30.00", D).orElseThrow();
        assertThat(c.path()).extracting(CommodityCode::code).containsExactly("XVI", "84", "8471", "847130", "84713000");
        assertThat(c.path()).extracting(CommodityCode::level).containsExactly(CommodityCode.Level.SECTION,
                CommodityCode.Level.CHAPTER, CommodityCode.Level.HEADING, CommodityCode.Level.SUBHEADING,
                CommodityCode.Level.NATIONAL);
        assertThat(c.commodity().description()).isEqualTo("Laptops and notebooks");
        assertThat(c.at(CommodityCode.Level.HEADING).orElseThrow().description()).isEqualTo("Automatic data processing machines");
        assertThat(c.at(CommodityCode.Level.SECTION).orElseThrow().description()).isEqualTo("Section XVI");
    }

    @Test
    void undividedHeadingAcceptsLongerDeclaredCode_butDividedOneDoesNot() {
        // 6109 has no subdivisions in the fixture: 6109100010 resolves to it
        Classification c = nom.lookup("6109100010", D).orElseThrow();
        assertThat(c.code()).isEqualTo("6109");
        assertThat(c.requestedCode()).isEqualTo("6109100010");
        // 0901 is divided (090121 only), so 090111 is not a code
        assertThat(nom.lookup("090111", D)).isEmpty();
        // chapters alone are not enough
        assertThat(nom.lookup("8500000000", D)).isEmpty();
    }

    @Test
    void effectiveDating_nationalLineValidityIsRespected() {
        assertThat(nom.lookup("84713090", LocalDate.of(2023, 12, 31))).isPresent();
        assertThat(nom.lookup("84713090", LocalDate.of(2024, 1, 1))).isEmpty();
        assertThat(nom.children("847130", LocalDate.of(2024, 1, 1))).extracting(CommodityCode::code).containsExactly("84713000");
        assertThat(nom.children("847130", LocalDate.of(2023, 1, 1))).extracting(CommodityCode::code)
                .containsExactly("84713000", "84713090");
    }

    @Test
    void unknownCode_requireNamesNearestSiblingsFirst() {
        assertThatThrownBy(() -> nom.require("640300", D))
                .isInstanceOfSatisfying(UnknownCommodityCodeException.class, e -> {
                    assertThat(e.nearestCodes()).startsWith("6402", "6404");
                    assertThat(e.getMessage()).contains("Unknown commodity code '640300'").contains("6402 (Footwear");
                });
        assertThat(nom.nearest("22089", D, 2)).extracting(CommodityCode::code).containsExactly("2208", "2204");
    }

    @Test
    void textSearch_ranksMatchingDescriptionsWithScores() {
        List<SearchHit> hits = nom.search("footwear rubber", D, 5);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).commodity().code()).isEqualTo("6402");
        assertThat(hits).extracting(h -> h.commodity().code()).contains("6404", "64");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(hits.size() - 1).score());
        // stemming: "laptop" matches "Laptops"; date filter hides expired national lines
        assertThat(nom.search("laptop", D, 3)).extracting(h -> h.commodity().code()).containsExactly("84713000");
        assertThat(nom.search("tablets", D, 3)).isEmpty();
        assertThat(nom.search("tablets", LocalDate.of(2023, 1, 1), 3)).extracting(h -> h.commodity().code()).containsExactly("84713090");
        assertThat(nom.search("AND OR (", D, 3)).isEmpty();
        // negated phrases do not match: "other than" below is not indexed
        assertThat(Nomenclature.positive("Horses; live, other than pure-bred breeding animals")).isEqualTo("Horses; live,  ");
        assertThat(Nomenclature.positive("Coffee; not roasted, not decaffeinated")).isEqualTo("Coffee;  ,  ");
    }

    @Test
    void genericFileErrors_areReportedWithLineNumbers_andMissingParentAtBuild() {
        String bad = """
                code,description,parent,valid_from,valid_to
                84,Machinery,,,
                84x1,Bad code,,,
                8471,Computers,85,,
                847130,Portables,,2024-13-01,
                """;
        assertThatThrownBy(() -> new NomenclatureLoader().codes(new StringReader(bad), "nat.csv"))
                .isInstanceOfSatisfying(TariffDataException.class, e -> assertThat(e.errors()).containsExactly(
                        "line 3: code must have 2, 4, 6, 8 or 10 digits, got '84x1'",
                        "line 4: parent '85' is not a prefix of 8471",
                        "line 5: dates must be ISO yyyy-mm-dd: 2024-13-01"));
        String orphan = "code,description\n847130,Portables\n";
        assertThatThrownBy(() -> new NomenclatureLoader().codes(new StringReader(orphan), "nat.csv").build())
                .isInstanceOfSatisfying(TariffDataException.class, e -> assertThat(e.errors())
                        .containsExactly("nat.csv line 2: no ancestor of 847130 is loaded"));
    }
}
