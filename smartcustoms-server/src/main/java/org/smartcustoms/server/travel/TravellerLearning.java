package org.smartcustoms.server.travel;

import java.time.Instant;
import java.util.Optional;

import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.TravellerProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The traveller profile learned from officers' results ({@link TravellerProfile}): rebuilt from the stored labelled
 * referrals at start, and added to when an officer's result commits (no restart). Pre-arrival screening and the gate
 * ask it, through {@link TravellerScreening}, whether a traveller's learned score refers them. Settings
 * {@code smartcustoms.travel.learned.*}: threshold (default 0.5), minimum results (default 5), prior strength (default 2),
 * minimum odds ratio against all travellers sent to the counter (default 3).
 */
@Component
class TravellerLearning {
    private volatile TravellerProfile profile;

    TravellerLearning(TravelStore store,
                      @Value("${smartcustoms.travel.learned.threshold:0.5}") double threshold,
                      @Value("${smartcustoms.travel.learned.min-results:5}") int minResults,
                      @Value("${smartcustoms.travel.learned.prior-strength:2}") double priorStrength,
                      @Value("${smartcustoms.travel.learned.min-odds-ratio:3}") double minOddsRatio) {
        this.profile = TravellerProfile.of(new TravellerProfile.Settings(threshold, minResults, priorStrength, minOddsRatio),
                store.labelledReferrals());
    }

    /** The reason for the officer when the learned score refers this traveller screened at {@code at}. */
    Optional<String> referral(PassengerFacts facts, Instant at) {
        return profile.score(facts, at).reason();
    }

    TravellerProfile profile() {
        return profile;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onResult(TravellerResultLabelled e) {
        synchronized (this) {
            profile = profile.with(e.result());
        }
    }
}
