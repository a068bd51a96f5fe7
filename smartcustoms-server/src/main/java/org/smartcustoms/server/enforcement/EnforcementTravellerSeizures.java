package org.smartcustoms.server.enforcement;

import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.server.travel.TravellerSeizureLinked;
import org.smartcustoms.server.travel.TravellerSeizureRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A traveller's control result with a seizure, recorded by an officer on the arrivals board, becomes a seizure record
 * in the same transaction — no second entry, as for cargo inspections: the traveller is the person linked to past
 * seizures with the same name, birth date and nationality when there is one, else a new person record; detection
 * method RISK_SELECTION (RANDOM when the traveller was sent to the counter at random), conveyance the flight, route
 * from the airport of embarkation. The idempotency key {@code gate-event:<id>} makes it once per result. Answers
 * {@link TravellerSeizureLinked} (published by Spring) so that the gate event keeps the seizure reference.
 */
@Component
class EnforcementTravellerSeizures {
    private final EnforcementService service;
    private final EnforcementTargeting targeting;
    private final JdbcEnforcementStore store;

    EnforcementTravellerSeizures(EnforcementService service, EnforcementTargeting targeting, JdbcEnforcementStore store) {
        this.service = service;
        this.targeting = targeting;
        this.store = store;
    }

    @EventListener
    public TravellerSeizureLinked onTravellerSeizure(TravellerSeizureRecorded e) {
        String key = "gate-event:" + e.gateEventId();
        Optional<String> seen = store.seizureByKey(key);
        if (seen.isPresent()) return new TravellerSeizureLinked(e.gateEventId(), seen.get());
        String country = EnforcementTravellerMatch.iso2(e.nationality());
        Person person = known(e, country).orElseGet(() -> service.createPerson(new EnforcementRequests.PersonRequest(e.travellerName(),
                e.birthDate(), country.isEmpty() ? null : country, null, null, null, null), e.officer()));
        String outcome = "E-gate referral " + e.gateEventId() + ", flight " + e.flight() + " " + e.arrivalDate() + ": result " + e.result();
        EnforcementRequests.SeizureRequest req = new EnforcementRequests.SeizureRequest(e.at().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                e.office(), e.randomlySelected() ? "RANDOM" : "RISK_SELECTION", null, e.goods(), e.quantity(), e.unit(), null, null,
                e.concealment(), "air, flight " + e.flight(),
                new EnforcementRequests.Route(e.departure() == null || e.departure().isEmpty() ? null : e.departure(), List.of(), null),
                List.of(new EnforcementRequests.Involved("PERSON:" + person.id(), "TRAVELLER")), List.of(), outcome, null);
        return new TravellerSeizureLinked(e.gateEventId(), service.recordSeizure(req, key, e.officer()).seizure().id());
    }

    /** A person already linked to seizures with the traveller's name (watch lists' matching), birth date and nationality. */
    private Optional<Person> known(TravellerSeizureRecorded e, String country) {
        List<String> ids = targeting.index().match(new Party(PartyRole.CONSIGNEE, null, e.travellerName(), null)).stream()
                .filter(h -> h.subject().ref().type() == EntityType.PERSON).map(h -> h.subject().ref().id()).toList();
        if (ids.isEmpty()) return Optional.empty();
        return store.latestPersons(ids).stream()
                .filter(p -> e.birthDate().equals(p.birthDate()) && country.equals(p.nationality() == null ? "" : p.nationality()))
                .findFirst();
    }
}
