package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.testing.SharedData;

/** The real HS 2022 nomenclature from shared data: 6,940 data rows, of which one is the TOTAL line. */
@Tag("shared-data")
class HarmonizedSystemSharedDataTest {
    private static Nomenclature hs;
    private static final LocalDate D = LocalDate.of(2024, 6, 1);

    @BeforeAll
    static void load() {
        hs = NomenclatureLoader.loadHarmonizedSystem(SharedData.require("hs/harmonized-system.csv"),
                SharedData.require("hs/sections.csv"));
    }

    @Test
    void loadsEveryCode() throws IOException {
        Path file = SharedData.require("hs/harmonized-system.csv");
        long dataRows = Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank()).count();
        assertThat(dataRows).isEqualTo(6940);
        // 97 chapters + 1,229 headings + 5,613 subheadings; the TOTAL row is not a code
        assertThat(hs.size()).isEqualTo(6939);
    }

    @Test
    void hierarchyLookup_sectionChapterHeadingSubheading() {
        Classification c = hs.lookup("010121", D).orElseThrow();
        assertThat(c.path()).extracting(CommodityCode::code).containsExactly("I", "01", "0101", "010121");
        assertThat(c.path().get(0).description()).isEqualToIgnoringCase("live animals; animal products");
        assertThat(c.path().get(2).description()).isEqualTo("Horses, asses, mules and hinnies; live");
        assertThat(c.commodity().description()).isEqualTo("Horses; live, pure-bred breeding animals");
        Classification laptop = hs.lookup("8471300000", D).orElseThrow();
        assertThat(laptop.code()).isEqualTo("847130");
        assertThat(laptop.at(CommodityCode.Level.SECTION).orElseThrow().code()).isEqualTo("XVI");
    }

    @Test
    void textSearch_findsHorsesAndPortableComputers() {
        List<SearchHit> horses = hs.search("horses", D, 5);
        assertThat(horses).isNotEmpty();
        assertThat(horses.get(0).commodity().code()).startsWith("0101");
        List<SearchHit> laptops = hs.search("portable automatic data processing machines", D, 5);
        assertThat(laptops).extracting(h -> h.commodity().code()).contains("847130");
    }

    @Test
    void unknownCode_suggestsSiblings() {
        assertThatThrownBy(() -> hs.require("010199", D))
                .isInstanceOfSatisfying(UnknownCommodityCodeException.class, e ->
                        assertThat(e.nearestCodes()).startsWith("010190", "010130"));
    }
}
