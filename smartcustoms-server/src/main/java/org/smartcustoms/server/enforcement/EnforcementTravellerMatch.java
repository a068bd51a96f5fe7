package org.smartcustoms.server.enforcement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.enforcement.EnforcementIndex;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.travel.EnforcementLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The enforcement database for traveller screening (the travel capability's {@link EnforcementLinks} port): the
 * targeting index ({@link EnforcementTargeting}, the one the risk engine consults for declarations) finds the persons
 * linked to past seizures whose name matches the traveller's (watch lists' normalisation and fuzziness); their current
 * record must then carry the traveller's birth date and nationality (when recorded). The reason follows the cargo
 * reasons' need-to-know: the person's id, "of interest" and whom to contact, and the seizure summary; never the
 * person's details or any suspicion report.
 */
@Component
class EnforcementTravellerMatch implements EnforcementLinks {
    private static final Map<String, String> ALPHA2 = alpha2();
    private final EnforcementTargeting targeting;
    private final JdbcEnforcementStore store;
    private final String contact;

    EnforcementTravellerMatch(EnforcementTargeting targeting, JdbcEnforcementStore store,
                              @Value("${smartcustoms.enforcement.contact:the intelligence unit}") String contact) {
        this.targeting = targeting;
        this.store = store;
        this.contact = contact;
    }

    @Override
    public List<String> screen(String fullName, LocalDate birthDate, String nationality) {
        if (fullName == null || fullName.isBlank()) return List.of();
        EnforcementIndex index = targeting.index();
        Map<String, EnforcementIndex.Hit> byPerson = new LinkedHashMap<>();
        for (EnforcementIndex.Hit h : index.match(new Party(PartyRole.CONSIGNEE, null, fullName, null))) {
            if (h.subject().ref().type() == EntityType.PERSON) byPerson.put(h.subject().ref().id(), h);
        }
        if (byPerson.isEmpty()) return List.of();
        String country = iso2(nationality);
        List<String> out = new ArrayList<>(1);
        for (Person p : store.latestPersons(byPerson.keySet())) {
            if (p.birthDate() != null && !p.birthDate().equals(birthDate)) continue;
            if (p.nationality() != null && !p.nationality().equals(country)) continue;
            EnforcementIndex.Hit h = byPerson.get(p.id());
            List<EnforcementIndex.SeizureFact> facts = index.seizuresOf(h.subject().ref());
            if (facts.isEmpty()) continue;
            EnforcementIndex.SeizureFact last = facts.get(0);
            StringBuilder sb = new StringBuilder("traveller matches person ").append(p.id());
            if (h.similarity() < 1) sb.append(String.format(Locale.ROOT, " (similar name, %.2f)", h.similarity()));
            sb.append(", linked to seizure ").append(last.seizureId()).append(": ").append(last.summary());
            if (facts.size() > 1) sb.append(" (and ").append(facts.size() - 1).append(" earlier seizure").append(facts.size() > 2 ? "s" : "").append(')');
            sb.append(" — of interest: contact ").append(contact);
            out.add(sb.toString());
        }
        return out;
    }

    /** ICAO 9303 nationality (alpha-3, "D" for Germany, GBD/GBN/... for British categories) as ISO alpha-2; "" unknown. */
    static String iso2(String icao) {
        if (icao == null) return "";
        String c = icao.strip().toUpperCase(Locale.ROOT);
        if (c.equals("D")) return "DE";
        if (c.startsWith("GB")) return "GB";
        return ALPHA2.getOrDefault(c, "");
    }

    private static Map<String, String> alpha2() {
        Map<String, String> m = new HashMap<>();
        for (String a2 : Locale.getISOCountries()) {
            try {
                m.put(Locale.of("", a2).getISO3Country(), a2);
            } catch (java.util.MissingResourceException e) {
                // a country without an alpha-3 code in this JDK: travellers of it never match by nationality
            }
        }
        return Map.copyOf(m);
    }
}
