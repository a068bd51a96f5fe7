package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.List;

/**
 * Port: the enforcement database as traveller screening sees it (implemented by the server's enforcement capability).
 * A traveller matches a person linked to at least one past seizure when the name matches with the watch lists'
 * normalisation and fuzziness and the person's recorded birth date and nationality (when recorded) are the
 * traveller's. Answers one reason per matched person, in the words officers may read (the person's id and the
 * seizure, never the intelligence itself).
 */
public interface EnforcementLinks {
    /** No enforcement database: nothing matches. */
    EnforcementLinks NONE = (name, birthDate, nationality) -> List.of();

    /** @param nationality ICAO 3-letter code as on the passport */
    List<String> screen(String fullName, LocalDate birthDate, String nationality);
}
