package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.risk.watchlist.WatchListHit;

/**
 * Screens travellers against the parties watch list of the risk engine, with its own name matcher (same
 * normalisation, transliteration and fuzziness as for traders). A listed person is a party entry whose party id is
 * {@code PERSON:<birth date yyyy-mm-dd>:<nationality ICAO 3-letter>} (either part may be empty); a traveller is
 * hit when the name matches and the birth date and nationality listed (when listed) are equal. Entries without
 * the {@code PERSON:} id are traders and never hit a traveller.
 */
public final class PersonScreen {
    public static final String PREFIX = "PERSON:";
    private final WatchList list;
    private final Map<String, PartyEntry> persons = new HashMap<>();

    public PersonScreen(WatchList list) {
        this.list = list;
        for (PartyEntry e : list.parties()) {
            if (e.partyId() != null && e.partyId().toUpperCase(Locale.ROOT).startsWith(PREFIX)) persons.put(e.entryId(), e);
        }
    }

    /** The party id that lists a person born on {@code birthDate} of {@code nationality}. */
    public static String personId(LocalDate birthDate, String nationality) {
        return PREFIX + (birthDate == null ? "" : birthDate) + ":" + (nationality == null ? "" : nationality.toUpperCase(Locale.ROOT));
    }

    public int listedPersons() {
        return persons.size();
    }

    public List<PersonHit> screen(String fullName, LocalDate birthDate, String nationality, LocalDate on) {
        if (persons.isEmpty() || fullName == null || fullName.isBlank()) return List.of();
        List<PersonHit> out = new ArrayList<>(0);
        for (WatchListHit h : list.screen(new Party(PartyRole.IMPORTER, null, fullName, null), on)) {
            PartyEntry e = persons.get(h.entryId());
            if (e == null || !sameDetails(e.partyId(), birthDate, nationality)) continue;
            out.add(new PersonHit(e.entryId(), h.method(), h.similarity(), h.listedValue(), e.reason(), e.source()));
        }
        return out;
    }

    private static boolean sameDetails(String partyId, LocalDate birthDate, String nationality) {
        String[] parts = partyId.substring(PREFIX.length()).split(":", -1);
        String dob = parts.length > 0 ? parts[0].strip() : "";
        String nat = parts.length > 1 ? parts[1].strip().toUpperCase(Locale.ROOT) : "";
        if (!dob.isEmpty() && (birthDate == null || !dob.equals(birthDate.toString()))) return false;
        return nat.isEmpty() || (nationality != null && nat.equals(nationality.toUpperCase(Locale.ROOT)));
    }
}
