package org.smartcustoms.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchIndexTest {
    private static final EnumSet<EntityType> ALL = EnumSet.allOf(EntityType.class);

    @Test
    void namesMatchNormalisedAndFuzzilyAndTextByWords() throws Exception {
        try (SearchIndex index = new SearchIndex()) {
            index.put(new EntityRef(EntityType.COMPANY, "C-000001"), "Kanzei Trading 1A2B LLC", List.of("Kanzei Trading 1A2B LLC"), "JP123");
            index.put(new EntityRef(EntityType.PERSON, "P-000001"), "Mikhail Ivanov", List.of("Михаил Иванов"), "RU");
            index.put(new EntityRef(EntityType.SEIZURE, "S-2026-0001"), "S-2026-0001", List.of(), "cocaine machine parts CO NL JP");
            index.refresh();
            assertThat(index.search("kanzey trading 1a2b", 10, ALL)).extracting(SearchIndex.Hit::entity).containsExactly("COMPANY:C-000001");
            assertThat(index.search("Mihail Ivanov", 10, ALL)).extracting(SearchIndex.Hit::entity).containsExactly("PERSON:P-000001");
            assertThat(index.search("cocaine machine S-2026-0001", 10, ALL)).extracting(SearchIndex.Hit::entity).containsExactly("SEIZURE:S-2026-0001");
            assertThat(index.search("Mihail Ivanov", 10, EnumSet.of(EntityType.COMPANY))).isEmpty();
            index.put(new EntityRef(EntityType.COMPANY, "C-000001"), "Nihon Export", List.of("Nihon Export"), "");
            index.refresh();
            assertThat(index.search("kanzei", 10, ALL)).isEmpty();
            assertThatThrownBy(() -> index.search(" ", 10, ALL)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
