package org.smartcustoms.travel;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known at the gate about a traveller whose code verified and whose passport matches: presence on the
 * flight's passenger list (unknown when the airline sent none), the declared answers, duty still unpaid, person
 * hits, enforcement links and passenger-data rule hits ({@code screeningHits}, already in words) and random selection. {@link #decide} gives the decision and every reason for an inspection.
 */
public record GateFacts(boolean passengerListReceived, boolean onPassengerList, List<String> declaredAnswers,
                        long dutyUnpaid, String currency, List<PersonHit> watchHits, List<String> screeningHits,
                        boolean randomlySelected) {

    /** Without enforcement links or passenger-data rule hits. */
    public GateFacts(boolean passengerListReceived, boolean onPassengerList, List<String> declaredAnswers, long dutyUnpaid,
                     String currency, List<PersonHit> watchHits, boolean randomlySelected) {
        this(passengerListReceived, onPassengerList, declaredAnswers, dutyUnpaid, currency, watchHits, List.of(), randomlySelected);
    }

    public record Outcome(GateDecision decision, List<String> reasons) { }

    public Outcome decide() {
        List<String> reasons = new ArrayList<>();
        for (PersonHit h : watchHits) reasons.add(h.explain());
        reasons.addAll(screeningHits);
        if (passengerListReceived && !onPassengerList) reasons.add("Traveller not on the flight's advance passenger list");
        if (!passengerListReceived) reasons.add("No advance passenger list received for the flight");
        for (String a : declaredAnswers) reasons.add("Declared: " + a);
        if (dutyUnpaid > 0) reasons.add("Duty of " + dutyUnpaid + " " + currency + " declared but not paid");
        if (randomlySelected) reasons.add("Random selection");
        return new Outcome(reasons.isEmpty() ? GateDecision.OPEN : GateDecision.INSPECT, reasons);
    }
}
