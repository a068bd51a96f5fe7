package org.smartcustoms.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeListsTest {

    @Test
    void countriesIncludeIsoAndCustomsSpecialCodes() {
        assertThat(CodeLists.COUNTRIES.isValid("DE")).isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("KR")).isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("XK")).isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("XI")).isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("EU")).isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("QU")).isTrue();
        assertThat(CodeLists.COUNTRIES.name("KR")).contains("South Korea");
        assertThat(CodeLists.COUNTRIES.name("XK")).contains("Kosovo");
        assertThat(CodeLists.COUNTRIES.isValid("ZZ")).isFalse();
        assertThat(CodeLists.COUNTRIES.isValid("ZU")).as("UK continental shelf (UK CDS)").isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("ZN")).as("Norwegian continental shelf (UK CDS)").isTrue();
        assertThat(CodeLists.COUNTRIES.isValid("ZX")).isFalse();
        assertThat(CodeLists.COUNTRIES.isValid("de")).isFalse();
        assertThat(CodeLists.COUNTRIES.isValid("DEU")).isFalse();
        assertThat(CodeLists.COUNTRIES.isValid(null)).isFalse();
        assertThat(CodeLists.COUNTRIES.size()).isGreaterThan(249);
    }

    @Test
    void currenciesComeFromIso4217WithoutTestingCodes() {
        assertThat(CodeLists.CURRENCIES.isValid("EUR")).isTrue();
        assertThat(CodeLists.CURRENCIES.isValid("KRW")).isTrue();
        assertThat(CodeLists.CURRENCIES.name("JPY")).contains("Japanese Yen");
        assertThat(CodeLists.CURRENCIES.isValid("XTS")).isFalse();
        assertThat(CodeLists.CURRENCIES.isValid("XXX")).isFalse();
        assertThat(CodeLists.CURRENCIES.isValid("EURO")).isFalse();
        assertThat(CodeLists.CURRENCIES.name("ABC")).isEmpty();
    }

    @Test
    void unitsHoldTheCommonCustomsUnitsWithNames() {
        assertThat(CodeLists.UNITS.size()).isGreaterThanOrEqualTo(40);
        for (String u : new String[] {"KGM", "GRM", "TNE", "LTR", "MTR", "MTK", "MTQ", "NAR", "NPR", "PCE", "SET",
                "KWH", "LPA", "CTM", "CEN", "MIL", "GFI"}) {
            assertThat(CodeLists.UNITS.isValid(u)).as(u).isTrue();
            assertThat(CodeLists.UNITS.name(u)).as(u).get().asString().isNotBlank();
        }
        assertThat(CodeLists.UNITS.name("KGM")).contains("kilogram");
        assertThat(CodeLists.UNITS.isValid("KG")).isFalse();
    }

    @Test
    void transportModesAreTheTenRec19Digits() {
        assertThat(CodeLists.TRANSPORT_MODES.codes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(CodeLists.TRANSPORT_MODES.name("1")).contains("Maritime transport");
        assertThat(CodeLists.TRANSPORT_MODES.isValid("10")).isFalse();
    }

    @Test
    void declarationTypeCodes() {
        assertThat(CodeLists.DECLARATION_TYPES.isValid("IM")).isTrue();
        assertThat(CodeLists.DECLARATION_TYPES.isValid("XX")).isFalse();
    }

    @Test
    void allListsHaveDistinctIdsAndEveryCodeANonBlankName() {
        assertThat(CodeLists.all()).extracting(CodeList::id).doesNotHaveDuplicates().hasSize(5);
        for (CodeList list : CodeLists.all()) {
            assertThat(list.codes()).as(list.id()).isNotEmpty()
                    .allSatisfy(c -> assertThat(list.name(c)).get().asString().isNotBlank());
        }
    }
}
