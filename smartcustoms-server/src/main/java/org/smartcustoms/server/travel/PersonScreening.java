package org.smartcustoms.server.travel;

import java.util.List;

import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.server.risk.RiskWatchLists;
import org.smartcustoms.travel.PersonScreen;
import org.springframework.stereotype.Component;

/**
 * The live parties watch list of the risk engine, seen as a list of persons ({@link PersonScreen}): rebuilt when the
 * risk engine swaps its list (an import or an added entry), shared otherwise.
 */
@Component
class PersonScreening {
    private final RiskWatchLists watchLists;
    private volatile List<PartyEntry> source;
    private volatile PersonScreen screen;

    PersonScreening(RiskWatchLists watchLists) {
        this.watchLists = watchLists;
    }

    PersonScreen current() {
        List<PartyEntry> parties = watchLists.watchedParties();
        PersonScreen s = screen;
        if (s != null && parties == source) return s;
        synchronized (this) {
            if (screen != null && parties == source) return screen;
            List<PartyEntry> persons = parties.stream().filter(e -> e.partyId() != null
                    && e.partyId().toUpperCase(java.util.Locale.ROOT).startsWith(PersonScreen.PREFIX)).toList();
            screen = new PersonScreen(new WatchList(persons, List.of()));
            source = parties;
            return screen;
        }
    }
}
