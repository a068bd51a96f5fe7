package org.smartcustoms.server.travel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The rows of the travel tables, as the store reads and writes them. */
final class TravelRecords {
    private TravelRecords() { }

    /** A traveller's declaration; {@code details} is the JSON of answers, items, family and assessment. */
    record StoredDeclaration(String id, String accessHash, String passportHash, String surname, String givenNames,
                             LocalDate birthDate, String nationality, String flight, LocalDate arrivalDate, String details,
                             long dutyDue, long paid, long refunded, String currency, String status, Instant qrUsedAt,
                             boolean hit, Instant createdAt) {
        long unpaid() {
            return Math.max(0, dutyDue - paid + refunded);
        }
    }

    record Payment(String id, String declarationId, String idempotencyKey, long amount, String currency, String status,
                   String provider, String providerRef, String cardLast4, Instant createdAt, Instant paidAt, long refunded) { }

    record Refund(long id, String paymentId, long amount, String reason, String status, String requestedBy,
                  Instant requestedAt, String decidedBy, Instant decidedAt) { }

    record Flight(String flight, LocalDate arrivalDate, String format, int passengers, int hits, Instant receivedAt,
                  String receivedBy) { }

    /** {@code departure}, {@code documentCountry}: "" when the airline did not send them; {@code groupSize}: passengers on the booking. */
    record StoredPassenger(long id, String flight, LocalDate arrivalDate, String surname, String givenNames,
                           LocalDate birthDate, String nationality, String documentHash, String sex, List<String> hits,
                           String departure, String documentCountry, int groupSize) { }

    /** {@code seizureId}: the enforcement seizure record the officer's result created (null otherwise). */
    record GateEvent(long id, String declarationId, String flight, LocalDate arrivalDate, Instant scannedAt, String device,
                     String decision, String refusal, List<String> reasons, String result, String resultNote,
                     String resultBy, Instant resultAt, String seizureId) { }

    /** A passenger-data rule as stored. */
    record PassengerRuleRow(org.smartcustoms.travel.PassengerRule rule, String createdBy, Instant createdAt) { }

    /** A rule's labelled outcomes: referrals it caused, those with an officer's result, those with a finding. */
    record RuleOutcomes(int referrals, int results, int findings) { }

    /** Counts for the arrivals board's list of flights. */
    record FlightSummary(String flight, LocalDate arrivalDate, int passengers, int watchHits, int declarations,
                         int passes, int referrals, int refusals, boolean passengerListReceived) { }
}
