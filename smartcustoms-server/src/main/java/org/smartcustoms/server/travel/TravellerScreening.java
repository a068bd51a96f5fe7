package org.smartcustoms.server.travel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.travel.EnforcementLinks;
import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.PassengerRule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The screening a traveller gets besides the persons watch list, the same before arrival and at the gate: the
 * enforcement database ({@link EnforcementLinks}, persons linked to past seizures) and the analysts' passenger-data
 * rules ({@link PassengerRuleService}) and the profile learned from officers' results ({@link TravellerLearning}). Answers the officers' reasons and the rules hit.
 */
@Component
class TravellerScreening {
    private final EnforcementLinks links;
    private final PassengerRuleService rules;
    private final TravellerLearning learning;

    TravellerScreening(ObjectProvider<EnforcementLinks> links, PassengerRuleService rules, TravellerLearning learning) {
        this.links = links.getIfAvailable(() -> EnforcementLinks.NONE);
        this.rules = rules;
        this.learning = learning;
    }

    /** {@code reasons}: for the officer, enforcement links first; {@code ruleIds}: the passenger-data rules hit. */
    record Screened(List<String> reasons, List<String> ruleIds, boolean enforcementHit) { }

    /** {@code at}: the instant of the screening (the learned profile counts the results recorded before it). */
    Screened screen(String fullName, LocalDate birthDate, String nationality, PassengerFacts facts, java.time.Instant at) {
        List<String> reasons = new ArrayList<>(links.screen(fullName, birthDate, nationality));
        boolean enforcement = !reasons.isEmpty();
        List<String> ids = new ArrayList<>(0);
        for (PassengerRule r : rules.hits(facts)) {
            reasons.add(r.explain());
            ids.add(r.id());
        }
        // the profile learned from officers' results recorded before this screening
        learning.referral(facts, at).ifPresent(reasons::add);
        return new Screened(reasons, ids, enforcement);
    }
}
