package org.smartcustoms.server.travel;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.travel.TravelRecords.Flight;
import org.smartcustoms.server.travel.TravelRecords.FlightSummary;
import org.smartcustoms.server.travel.TravelRecords.GateEvent;
import org.smartcustoms.server.travel.TravelRecords.StoredDeclaration;
import org.smartcustoms.server.travel.TravelRecords.StoredPassenger;
import org.smartcustoms.travel.Flights;
import org.smartcustoms.travel.Passenger;
import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.PassengerList;
import org.smartcustoms.travel.Paxlst;
import org.smartcustoms.travel.PersonHit;
import org.smartcustoms.travel.PersonScreen;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Advance passenger information: an airline's list (PAXLST, CSV or JSON) replaces the flight's earlier one, every
 * passenger is screened against the persons watch list before the flight lands, and officers read the arrivals
 * board (every read audited) and record the results of their controls.
 */
@Service
public class FlightService {
    /** The results an officer records for a traveller sent to the counter. */
    public enum Result { NOTHING_FOUND, DUTY_COLLECTED, UNDECLARED_GOODS, PROHIBITED_GOODS_SEIZED, CASH_DETAINED }

    private final TravelStore store;
    private final TravelKeys keys;
    private final PersonScreening persons;
    private final TravelService travel;
    private final TravelSettings settings;
    private final Clock clock;
    private final AuditTrail audit;
    private final TravellerScreening screening;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final String office;

    FlightService(TravelStore store, TravelKeys keys, PersonScreening persons, TravelService travel, TravelSettings settings,
                  Clock clock, AuditTrail audit, TravellerScreening screening, org.springframework.context.ApplicationEventPublisher events,
                  @org.springframework.beans.factory.annotation.Value("${smartcustoms.travel.office:JPNRT200}") String office) {
        this.screening = screening;
        this.events = events;
        this.office = office;
        this.store = store;
        this.keys = keys;
        this.persons = persons;
        this.travel = travel;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
    }

    public record ImportReceipt(String flight, LocalDate arrivalDate, String format, int passengers, int watchHits,
                                List<String> hits, long screeningMillis) { }

    @Transactional
    public ImportReceipt importList(String flight, String text, LocalDate arrival, String actor) {
        String f = Flights.normalise(flight);
        PassengerList list = Paxlst.read(text, f, arrival);
        String format = text.strip().startsWith("{") ? "JSON" : text.strip().startsWith("UN") ? "PAXLST" : "CSV";
        long t0 = System.nanoTime();
        java.time.Instant screenedAt = clock.instant();
        PersonScreen screen = persons.current();
        Map<String, Integer> bookings = new java.util.HashMap<>();
        for (Passenger p : list.passengers()) if (!p.booking().isEmpty()) bookings.merge(p.booking(), 1, Integer::sum);
        List<StoredPassenger> rows = new ArrayList<>(list.passengers().size());
        List<String> hitLines = new ArrayList<>();
        for (Passenger p : list.passengers()) {
            List<String> hits = new ArrayList<>(screen.screen(p.fullName(), p.birthDate(), p.nationality(), list.arrivalDate()).stream()
                    .map(PersonHit::explain).toList());
            int group = p.booking().isEmpty() ? 1 : bookings.get(p.booking());
            PassengerFacts facts = new PassengerFacts(list.flight(), p.departure(), p.nationality(),
                    p.documentCountry(), p.sex(), PassengerFacts.age(p.birthDate(), list.arrivalDate()), group, true);
            hits.addAll(screening.screen(p.fullName(), p.birthDate(), p.nationality(), facts, screenedAt).reasons());
            if (!hits.isEmpty()) hitLines.add(p.fullName() + ": " + String.join("; ", hits));
            rows.add(new StoredPassenger(0, list.flight(), list.arrivalDate(), p.surname(), p.givenNames(), p.birthDate(),
                    p.nationality(), p.documentNumber() == null ? null : keys.passportHash(p.documentNumber()), p.sex(), hits,
                    p.departure(), p.documentCountry(), group));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int nHits = (int) rows.stream().filter(r -> !r.hits().isEmpty()).count();
        store.replacePassengers(new Flight(list.flight(), list.arrivalDate(), format, rows.size(), nHits, clock.instant(), actor), rows);
        audit.record(actor, AuditAction.TRAVEL_PASSENGERS_IMPORTED, AuditSubject.FLIGHT, list.flight() + "/" + list.arrivalDate(),
                format, travel.write(Map.of("passengers", rows.size(), "watchHits", nHits)));
        return new ImportReceipt(list.flight(), list.arrivalDate(), format, rows.size(), nHits, hitLines, ms);
    }

    public List<FlightSummary> flights(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(62).isBefore(to)) throw new IllegalArgumentException("the period must be 0 to 62 days");
        return store.flights(from, to);
    }

    public record PassengerRow(long id, String name, LocalDate birthDate, String nationality, String sex, boolean documentGiven,
                               List<String> watchHits, String declarationId) { }

    public record DeclarationRow(String id, String name, LocalDate birthDate, String nationality, String status, long dutyDue,
                                 long paid, String currency, List<String> declaredAnswers, boolean onPassengerList) { }

    public record Arrivals(String flight, LocalDate arrivalDate, boolean passengerListReceived, List<PassengerRow> passengers,
                           List<DeclarationRow> declarations, List<GateEvent> gateEvents) { }

    /** The arrivals board of one flight; the read is audited (it shows personal data). */
    public Arrivals arrivals(String flight, LocalDate arrival, String actor) {
        String f = Flights.normalise(flight);
        List<StoredPassenger> pax = store.passengers(f, arrival);
        List<StoredDeclaration> decl = store.declarations(f, arrival);
        List<PassengerRow> rows = new ArrayList<>();
        for (StoredPassenger p : pax) {
            String declId = decl.stream().filter(d -> d.birthDate().equals(p.birthDate())
                    && norm(d.givenNames() + " " + d.surname()).equals(norm(p.givenNames() + " " + p.surname())))
                    .map(StoredDeclaration::id).findFirst().orElse(null);
            rows.add(new PassengerRow(p.id(), (p.givenNames() + " " + p.surname()).strip(), p.birthDate(), p.nationality(), p.sex(),
                    p.documentHash() != null, p.hits(), declId));
        }
        List<DeclarationRow> drows = new ArrayList<>();
        for (StoredDeclaration d : decl) {
            var details = travel.read(d.details());
            boolean onList = pax.stream().anyMatch(p -> p.birthDate().equals(d.birthDate())
                    && norm(d.givenNames() + " " + d.surname()).equals(norm(p.givenNames() + " " + p.surname())));
            drows.add(new DeclarationRow(d.id(), (d.givenNames() + " " + d.surname()).strip(), d.birthDate(), d.nationality(), d.status(),
                    d.dutyDue(), d.paid() - d.refunded(), d.currency(), details.answers == null ? List.of() : details.answers.declared(), onList));
        }
        audit.record(actor, AuditAction.TRAVEL_RECORDS_READ, AuditSubject.FLIGHT, f + "/" + arrival, "arrivals board",
                travel.write(Map.of("passengers", rows.size(), "declarations", drows.size())));
        return new Arrivals(f, arrival, store.flight(f, arrival).isPresent(), rows, drows, store.gateEvents(f, arrival));
    }

    /** What an officer found and seized or detained: goods (the commodity in words), quantity, unit, where it was hidden. */
    public record Found(String goods, java.math.BigDecimal quantity, String unit, String concealment) {
        public Found {
            if (goods == null || goods.isBlank()) throw new IllegalArgumentException("seizure.goods is required (what was found)");
            if (quantity == null || quantity.signum() <= 0) throw new IllegalArgumentException("seizure.quantity must be greater than 0");
            if (goods.length() > 500) throw new IllegalArgumentException("seizure.goods is at most 500 characters");
            if (unit != null && unit.length() > 20) throw new IllegalArgumentException("seizure.unit is at most 20 characters");
            if (concealment != null && concealment.length() > 300) throw new IllegalArgumentException("seizure.concealment is at most 300 characters");
        }
    }

    /** Results that seize or detain something: they need what was found, and create an enforcement seizure record. */
    static final java.util.Set<Result> SEIZING = java.util.EnumSet.of(Result.PROHIBITED_GOODS_SEIZED, Result.CASH_DETAINED);

    @Transactional
    public GateEvent recordResult(long eventId, Result result, String note, Found found, String actor) {
        if (result == null) throw new IllegalArgumentException("result is required: one of " + java.util.Arrays.toString(Result.values()));
        if (note != null && note.length() > 500) throw new IllegalArgumentException("note is at most 500 characters");
        if (SEIZING.contains(result) && found == null) {
            throw new IllegalArgumentException("a " + result + " result needs the seizure: goods, quantity, unit and concealment");
        }
        if (!SEIZING.contains(result) && result != Result.UNDECLARED_GOODS && found != null) {
            throw new IllegalArgumentException("a " + result + " result has no seizure");
        }
        GateEvent e = store.gateEvent(eventId).orElseThrow(() -> new TravelExceptions.NotFound("no such gate event"));
        if (!e.decision().equals("INSPECT")) throw new TravelExceptions.Conflict("results are recorded for travellers sent to the counter only");
        if (e.result() != null) throw new TravelExceptions.Conflict("a result was already recorded for this control");
        java.time.Instant at = clock.instant();
        store.recordResult(eventId, result.name(), note == null ? null : note.strip(), actor, at);
        // the labelled outcome the learned traveller profile learns from (once this transaction commits)
        store.referralFacts(eventId).ifPresent(facts -> {
            store.labelReferral(eventId, result != Result.NOTHING_FOUND, at);
            events.publishEvent(new TravellerResultLabelled(new org.smartcustoms.travel.TravellerProfile.Result(facts,
                    result != Result.NOTHING_FOUND, at)));
        });
        audit.record(actor, AuditAction.TRAVEL_RESULT_RECORDED, AuditSubject.TRAVELLER, e.declarationId() == null ? String.valueOf(eventId)
                : e.declarationId(), result.name(), travel.write(Map.of("gateEvent", eventId)));
        if (found != null) {
            StoredDeclaration d = e.declarationId() == null ? null : store.declaration(e.declarationId()).orElse(null);
            if (d == null) throw new TravelExceptions.Conflict("the traveller's declaration is no longer held: record the seizure on the enforcement page");
            String departure = store.passengers(d.flight(), d.arrivalDate()).stream()
                    .filter(p -> p.birthDate().equals(d.birthDate()) && norm(p.givenNames() + " " + p.surname()).equals(norm(d.givenNames() + " " + d.surname())))
                    .map(StoredPassenger::departure).findFirst().orElse("");
            boolean random = e.reasons().size() == 1 && e.reasons().get(0).equals("Random selection");
            events.publishEvent(new TravellerSeizureRecorded(eventId, (d.givenNames() + " " + d.surname()).strip(), d.birthDate(),
                    d.nationality(), d.flight(), d.arrivalDate(), departure, office, random, result.name(), found.goods().strip(),
                    found.quantity(), found.unit(), found.concealment(), actor, at));
        }
        return store.gateEvent(eventId).orElseThrow();
    }

    private static String norm(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z]+", " ").strip();
    }

    TravelSettings settings() {
        return settings;
    }
}
