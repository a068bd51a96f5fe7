package org.smartcustoms.server.travel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.server.travel.TravelRecords.Flight;
import org.smartcustoms.server.travel.TravelRecords.FlightSummary;
import org.smartcustoms.server.travel.TravelRecords.GateEvent;
import org.smartcustoms.server.travel.TravelRecords.Payment;
import org.smartcustoms.server.travel.TravelRecords.Refund;
import org.smartcustoms.server.travel.TravelRecords.StoredDeclaration;
import org.smartcustoms.server.travel.TravelRecords.StoredPassenger;

/** Storage port of the travel capability (implemented by {@link JdbcTravelStore}). */
interface TravelStore {
    // keys and secrets
    List<String[]> keys();
    void insertKey(String kid, String jwk, Instant at);
    Optional<String> secret(String name);
    /** Inserts the secret unless one exists; answers the one in force. */
    String secretOrInsert(String name, String secret, Instant at);

    // declarations
    void insert(StoredDeclaration d);
    Optional<StoredDeclaration> declaration(String id);
    List<StoredDeclaration> declarations(String flight, LocalDate arrival);
    /** Marks the QR code used; false when it already was (single use, atomic). */
    boolean useQr(String id, Instant at);
    void setStatus(String id, String status, boolean hit);

    // payments
    void insert(Payment p);
    Optional<Payment> payment(String id);
    Optional<Payment> paymentByKey(String declarationId, String idempotencyKey);
    List<Payment> payments(String declarationId);
    /** Records a webhook event id; false when it was seen before (replay). */
    boolean recordWebhookEvent(String eventId, String paymentId, String kind, Instant at);
    /** PENDING → PAID and the amount added to the declaration; false when the payment was not pending. */
    boolean markPaid(String paymentId, String providerRef, Instant at);
    void insert(Refund r);
    Optional<Refund> refund(long id);
    List<Refund> refunds(String paymentId);
    /** REQUESTED → APPROVED/REJECTED; on approval the amount is added to the payment's and declaration's refunded. */
    boolean decideRefund(long id, boolean approve, String by, Instant at);

    // flights and passengers
    void replacePassengers(Flight f, List<StoredPassenger> passengers);
    Optional<Flight> flight(String flight, LocalDate arrival);
    List<StoredPassenger> passengers(String flight, LocalDate arrival);
    List<FlightSummary> flights(LocalDate from, LocalDate to);

    // gate
    long insert(GateEvent e, boolean hit);
    List<GateEvent> gateEvents(String flight, LocalDate arrival);
    Optional<GateEvent> gateEvent(long id);
    boolean recordResult(long id, String result, String note, String by, Instant at);
    /** The seizure record an officer's result created (the event counts as a hit: kept beyond retention). */
    void linkSeizure(long gateEventId, String seizureId);
    void insertRuleHits(long gateEventId, List<String> ruleIds);

    // the learned traveller profile (TravellerLearning)
    /** The passenger-data facts of a traveller sent to the counter, kept to learn from the officer's result. */
    void insertReferralFacts(long gateEventId, org.smartcustoms.travel.PassengerFacts facts, Instant at);
    Optional<org.smartcustoms.travel.PassengerFacts> referralFacts(long gateEventId);
    /** The officer's result on the referral: something found or not, and when. */
    void labelReferral(long gateEventId, boolean finding, Instant at);
    /** Every labelled referral: what the profile is rebuilt from at start. */
    List<org.smartcustoms.travel.TravellerProfile.Result> labelledReferrals();

    // passenger-data rules
    void insert(TravelRecords.PassengerRuleRow r);
    boolean setRuleEnabled(String id, boolean enabled);
    List<TravelRecords.PassengerRuleRow> passengerRules();
    /** Per rule id: referrals, results recorded, findings (a result other than NOTHING_FOUND). */
    Map<String, TravelRecords.RuleOutcomes> ruleOutcomes();

    /** Deletes records created before {@code before} of travellers with no hit; answers the rows deleted per table. */
    java.util.Map<String, Integer> purge(Instant before, LocalDate arrivalBefore);
}
