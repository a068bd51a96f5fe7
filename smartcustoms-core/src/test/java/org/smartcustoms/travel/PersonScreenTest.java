package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.watchlist.MatchMethod;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;

class PersonScreenTest {
    static final LocalDate BIRTH = LocalDate.of(1971, 9, 30);
    static final LocalDate ON = LocalDate.of(2026, 12, 1);
    final PersonScreen screen = new PersonScreen(new WatchList(List.of(
            new PartyEntry("P1", PersonScreen.personId(BIRTH, "GBR"), "Jonathan Smythe", List.of("John Smythe"), "cash courier", "intel", null, null),
            new PartyEntry("P2", PersonScreen.personId(null, "RUS"), "Ivan Petrov", List.of(), "", "", null, null),
            new PartyEntry("C1", "GB123", "Jonathan Smythe Ltd", List.of(), "a company", "", null, null)), List.of()));

    @Test
    void nameBirthDateAndNationalityMustAllMatch() {
        assertThat(screen.screen("SMYTHE JONATHAN", BIRTH, "GBR", ON)).extracting(PersonHit::entryId).containsExactly("P1");
        assertThat(screen.screen("Jonathan Smythe", BIRTH, "IRL", ON)).isEmpty();
        assertThat(screen.screen("Jonathan Smythe", BIRTH.plusDays(1), "GBR", ON)).isEmpty();
        assertThat(screen.screen("John Smythe", BIRTH, "GBR", ON)).hasSize(1);
    }

    @Test
    void spellingVariantsMatchWithTheWatchListsFuzziness() {
        List<PersonHit> hits = screen.screen("Jonathon Smythe", BIRTH, "GBR", ON);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).method()).isIn(MatchMethod.NAME_FUZZY, MatchMethod.NAME_NORMALIZED);
        assertThat(hits.get(0).explain()).contains("P1").contains("cash courier");
        // an entry listing only the nationality matches any birth date
        assertThat(screen.screen("Ivan Petrov", LocalDate.of(1990, 1, 1), "RUS", ON)).hasSize(1);
        assertThat(screen.listedPersons()).isEqualTo(2);
    }
}
