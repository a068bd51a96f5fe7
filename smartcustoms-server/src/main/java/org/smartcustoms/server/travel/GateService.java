package org.smartcustoms.server.travel;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.server.travel.TravelRecords.GateEvent;
import org.smartcustoms.server.travel.TravelRecords.StoredDeclaration;
import org.smartcustoms.server.travel.TravelRecords.StoredPassenger;
import org.smartcustoms.travel.GateDecision;
import org.smartcustoms.travel.GateFacts;
import org.smartcustoms.travel.Mrz;
import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.Passport;
import org.smartcustoms.travel.PersonHit;
import org.smartcustoms.travel.QrCheck;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-gate: verifies the QR code (signature, validity, issuer), the passport read at the gate against the declared
 * one, uses the code once, then decides OPEN or INSPECT from the passenger list, the declaration, the persons watch
 * list and random selection. Every scan is recorded with its reasons for the officers; the traveller gets a neutral
 * message only.
 */
@Service
public class GateService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TravelStore store;
    private final TravelKeys keys;
    private final TravelSettings settings;
    private final TravelService travel;
    private final PersonScreening persons;
    private final TravellerScreening screening;
    private final Clock clock;

    GateService(TravelStore store, TravelKeys keys, TravelSettings settings, TravelService travel, PersonScreening persons,
                TravellerScreening screening, Clock clock) {
        this.screening = screening;
        this.store = store;
        this.keys = keys;
        this.settings = settings;
        this.travel = travel;
        this.persons = persons;
        this.clock = clock;
    }

    /**
     * The gate's answer: {@code decision}; {@code reason} the refusal code (INVALID, EXPIRED, REPLAYED, FOREIGN,
     * PASSPORT_MISMATCH) or INSPECTION; {@code message} neutral words for the traveller; {@code reasons} why, for the officer.
     */
    public record ScanResult(GateDecision decision, String reason, String message, List<String> reasons, String declarationId,
                             Long eventId) { }

    @Transactional
    public ScanResult scan(String qr, String mrz, String device) {
        Instant now = clock.instant();
        // the passport first: an unreadable MRZ is the gate's bad input (422) and uses nothing
        Passport passport = Mrz.parse(mrz, LocalDate.ofInstant(now, settings.zone));
        QrCheck check = keys.tokens().verify(qr, now);
        if (!check.ok()) return refuse(check.refusal(), check.detail(), null, null, null, device, now);
        var claims = check.claims();
        Optional<StoredDeclaration> found = store.declaration(claims.declarationId());
        if (found.isEmpty()) return refuse(QrCheck.Refusal.INVALID, "no declaration for this code (deleted or never filed)", null, null, null, device, now);
        StoredDeclaration d = found.get();
        if (!TravelKeys.same(keys.passportHash(passport.documentNumber()), claims.passportHash())
                || !TravelKeys.same(claims.passportHash(), d.passportHash())) {
            return refuse(QrCheck.Refusal.PASSPORT_MISMATCH, "the passport read at the gate is not the one declared", d.id(), d.flight(),
                    d.arrivalDate(), device, now);
        }
        if (!store.useQr(d.id(), now)) {
            return refuse(QrCheck.Refusal.REPLAYED, "this code was already used at a gate at " + d.qrUsedAt(), d.id(), d.flight(),
                    d.arrivalDate(), device, now);
        }
        boolean listReceived = store.flight(d.flight(), d.arrivalDate()).isPresent();
        StoredPassenger listed = listReceived ? listed(store.passengers(d.flight(), d.arrivalDate()), passport) : null;
        boolean onList = listed != null;
        TravelService.Details details = travel.read(d.details());
        List<PersonHit> hits = persons.current().screen(passport.fullName(), passport.birthDate(), passport.nationality(),
                LocalDate.ofInstant(now, settings.zone));
        // passenger-data rules read the airline's data when the traveller is on the list, else the passport read here
        PassengerFacts facts = new PassengerFacts(d.flight(), onList ? listed.departure() : "",
                passport.nationality(), onList && !listed.documentCountry().isEmpty() ? listed.documentCountry() : passport.issuingState(),
                passport.sex(), PassengerFacts.age(passport.birthDate(), d.arrivalDate()), onList ? listed.groupSize() : 1, onList);
        TravellerScreening.Screened screened = screening.screen(passport.fullName(), passport.birthDate(), passport.nationality(), facts, now);
        double share = settings.randomShare();
        boolean random = share > 0 && RANDOM.nextDouble() < share;
        GateFacts.Outcome o = new GateFacts(listReceived, onList, details.answers == null ? List.of() : details.answers.declared(),
                d.unpaid(), d.currency(), hits, screened.reasons(), random).decide();
        boolean hit = !hits.isEmpty() || !screened.reasons().isEmpty();
        long eventId = store.insert(new GateEvent(0, d.id(), d.flight(), d.arrivalDate(), now, device, o.decision().name(), null,
                o.reasons(), null, null, null, null, null), hit);
        if (!screened.ruleIds().isEmpty()) store.insertRuleHits(eventId, screened.ruleIds());
        // kept to learn from the officer's result (TravellerLearning)
        if (o.decision() == GateDecision.INSPECT) store.insertReferralFacts(eventId, facts, now);
        store.setStatus(d.id(), o.decision() == GateDecision.OPEN ? "PASSED" : "REFERRED", hit);
        String message = o.decision() == GateDecision.OPEN ? "Thank you. Please proceed."
                : "Please proceed to the customs counter with your passport.";
        return new ScanResult(o.decision(), o.decision() == GateDecision.OPEN ? null : "INSPECTION", message, o.reasons(), d.id(), eventId);
    }

    private ScanResult refuse(QrCheck.Refusal why, String detail, String declarationId, String flight, LocalDate arrival, String device,
                              Instant now) {
        List<String> reasons = new ArrayList<>();
        reasons.add(why.name() + ": " + detail);
        long eventId = store.insert(new GateEvent(0, declarationId, flight, arrival, now, device, GateDecision.REFUSED.name(), why.name(),
                reasons, null, null, null, null, null), false);
        return new ScanResult(GateDecision.REFUSED, why.name(), "This code cannot be used here. Please go to the customs counter.",
                reasons, declarationId, eventId);
    }

    /** The traveller on the list, by travel document (keyed hash), or else by name and birth date; null when not on it. */
    private StoredPassenger listed(List<StoredPassenger> list, Passport p) {
        String doc = keys.passportHash(p.documentNumber());
        String name = norm(p.fullName());
        for (StoredPassenger s : list) {
            if (s.documentHash() != null && TravelKeys.same(s.documentHash(), doc)) return s;
            if (s.birthDate().equals(p.birthDate()) && norm(s.givenNames() + " " + s.surname()).equals(name)) return s;
        }
        return null;
    }

    private static String norm(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z]+", " ").strip();
    }
}
