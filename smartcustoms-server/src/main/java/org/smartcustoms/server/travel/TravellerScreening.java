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
    private final java.time.Clock clock;

    TravellerScreening(ObjectProvider<EnforcementLinks> links, PassengerRuleService rules, TravellerLearning learning, java.time.Clock clock) {
        this.links = links.getIfAvailable(() -> EnforcementLinks.NONE);
        this.rules = rules;
        this.learning = learning;
        this.clock = clock;
    }

    /** {@code reasons}: for the officer, enforcement links first; {@code ruleIds}: the passenger-data rules hit. */
    record Screened(List<String> reasons, List<String> ruleIds, boolean enforcementHit) { }

    Screened screen(String fullName, LocalDate birthDate, String nationality, PassengerFacts facts) {
        List<String> reasons = new ArrayList<>(links.screen(fullName, birthDate, nationality));
        boolean enforcement = !reasons.isEmpty();
        List<String> ids = new ArrayList<>(0);
        for (PassengerRule r : rules.hits(facts)) {
            reasons.add(r.explain());
            ids.add(r.id());
        }
        // the profile learned from officers' results recorded before this screening
        learning.referral(facts, clock.instant()).ifPresent(reasons::add);
        return new Screened(reasons, ids, enforcement);
    }
}
