package org.smartcustoms.server.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.travel.Passenger;
import org.smartcustoms.travel.PassengerFacts;
import org.smartcustoms.travel.PassengerList;
import org.smartcustoms.travel.PassengerRule;
import org.smartcustoms.travel.PassengerRules;
import org.smartcustoms.travel.Paxlst;

/** The demo flight's PAXLST is a valid message, and the demo passenger-data rule refers exactly one passenger of it. */
class DemoFlightTest {
    @Test
    void demoPassengerListReadsAndTheDemoRuleHitsTheYoungSoloTraveller() {
        LocalDate arrival = LocalDate.of(2026, 12, 1);
        PassengerList list = Paxlst.read(DemoFlight.paxlst(arrival), DemoFlight.FLIGHT, arrival);
        assertThat(list.passengers()).hasSize(12);
        assertThat(list.arrivalDate()).isEqualTo(arrival);
        assertThat(list.passengers()).allSatisfy(p -> assertThat(p.departure()).isEqualTo("GRU"));
        assertThat(list.passengers().get(3).documentCountry()).isEqualTo("BRA");
        PassengerRules rules = PassengerRules.of(List.of(new PassengerRule("PR-000001", "demo",
                "departure == 'GRU' && age < 25 && group_size == 1", "courier profile", true)));
        List<String> hit = list.passengers().stream().filter(p -> !rules.hits(facts(list, p)).isEmpty()).map(Passenger::fullName).toList();
        assertThat(hit).containsExactly("LUCAS OLIVEIRA");
    }

    private static PassengerFacts facts(PassengerList list, Passenger p) {
        long group = list.passengers().stream().filter(x -> x.booking().equals(p.booking())).count();
        return new PassengerFacts(list.flight(), p.departure(), p.nationality(), p.documentCountry(), p.sex(),
                PassengerFacts.age(p.birthDate(), list.arrivalDate()), (int) group, true);
    }
}
