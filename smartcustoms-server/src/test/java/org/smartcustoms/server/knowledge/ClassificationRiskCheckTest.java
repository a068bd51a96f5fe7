package org.smartcustoms.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassificationRiskCheckTest {
    @Test
    void descriptionsThatDifferOnlyInSpacingControlCharactersAndCaseShareOneCacheKey() {
        assertThat(ClassificationRiskCheck.cacheKey("  Cotton\tT-Shirts\u200B\u00A0 knitted \n"))
                .isEqualTo("cotton t-shirts knitted");
        assertThat(ClassificationRiskCheck.cacheKey("COTTON T-SHIRTS KNITTED")).isEqualTo("cotton t-shirts knitted");
    }

    @Test
    void aDescriptionWithoutLettersHasNoKey() {
        assertThat(ClassificationRiskCheck.cacheKey(" 1234 \t-- ")).isNull();
        assertThat(ClassificationRiskCheck.cacheKey("")).isNull();
    }
}
