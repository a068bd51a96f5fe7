package org.smartcustoms.server.declaration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The upper end of a commodity-code prefix's range, which lets the item index serve the search by code. */
class CommodityPrefixTest {
    @Test
    void theRangeEndsAtTheNextPrefix() {
        assertThat(JdbcDeclarationStore.prefixEnd("8471")).isEqualTo("8472");
        assertThat(JdbcDeclarationStore.prefixEnd("0")).isEqualTo("1");
        assertThat(JdbcDeclarationStore.prefixEnd("8499")).isEqualTo("85");
        assertThat(JdbcDeclarationStore.prefixEnd("8909")).isEqualTo("891");
        assertThat(JdbcDeclarationStore.prefixEnd("99")).isNull();
    }

    @Test
    void everyCodeWithThePrefixIsInsideAndNoOtherIs() {
        String[] codes = {"0101", "8471", "847130", "8471300000", "8472", "8479", "84799", "848", "85", "8499", "849999", "9", "99", "9999"};
        for (String prefix : new String[] {"8", "84", "847", "8471", "8479", "849", "8499", "9", "99", "0"}) {
            String end = JdbcDeclarationStore.prefixEnd(prefix);
            for (String code : codes) {
                boolean inRange = code.compareTo(prefix) >= 0 && (end == null || code.compareTo(end) < 0);
                assertThat(inRange).as(prefix + " / " + code).isEqualTo(code.startsWith(prefix));
            }
        }
    }
}
