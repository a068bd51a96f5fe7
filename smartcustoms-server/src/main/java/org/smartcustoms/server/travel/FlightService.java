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

    FlightService(TravelStore store, TravelKeys keys, PersonScreening persons, TravelService travel, TravelSettings settings,
                  Clock clock, AuditTrail audit) {
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
        PersonScreen screen = persons.current();
        List<StoredPassenger> rows = new ArrayList<>(list.passengers().size());
        List<String> hitLines = new ArrayList<>();
        for (Passenger p : list.passengers()) {
            List<String> hits = screen.screen(p.fullName(), p.birthDate(), p.nationality(), list.arrivalDate()).stream()
                    .map(PersonHit::explain).toList();
            if (!hits.isEmpty()) hitLines.add(p.fullName() + ": " + String.join("; ", hits));
            rows.add(new StoredPassenger(0, list.flight(), list.arrivalDate(), p.surname(), p.givenNames(), p.birthDate(),
                    p.nationality(), p.documentNumber() == null ? null : keys.passportHash(p.documentNumber()), p.sex(), hits));
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

    @Transactional
    public GateEvent recordResult(long eventId, Result result, String note, String actor) {
        if (result == null) throw new IllegalArgumentException("result is required: one of " + java.util.Arrays.toString(Result.values()));
        if (note != null && note.length() > 500) throw new IllegalArgumentException("note is at most 500 characters");
        GateEvent e = store.gateEvent(eventId).orElseThrow(() -> new TravelExceptions.NotFound("no such gate event"));
        if (!e.decision().equals("INSPECT")) throw new TravelExceptions.Conflict("results are recorded for travellers sent to the counter only");
        if (e.result() != null) throw new TravelExceptions.Conflict("a result was already recorded for this control");
        store.recordResult(eventId, result.name(), note == null ? null : note.strip(), actor, clock.instant());
        audit.record(actor, AuditAction.TRAVEL_RESULT_RECORDED, AuditSubject.TRAVELLER, e.declarationId() == null ? String.valueOf(eventId)
                : e.declarationId(), result.name(), travel.write(Map.of("gateEvent", eventId)));
        return store.gateEvent(eventId).orElseThrow();
    }

    private static String norm(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z]+", " ").strip();
    }

    TravelSettings settings() {
        return settings;
    }
}
