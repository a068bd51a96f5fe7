package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.rules.RuleCompilationException;

/** Passenger-data rules: CEL over the passenger variables, type-checked with line and column, evaluated per traveller. */
class PassengerRulesTest {
    static PassengerFacts facts(String departure, String nationality, String docCountry, int age, int group, boolean listed) {
        return new PassengerFacts("NH212", departure, nationality, docCountry, "M", age, group, listed);
    }

    @Test
    void rulesHitOnTheirFactsOnlyAndDisabledRulesAreNotInForce() {
        PassengerRule young = new PassengerRule("PR-1", "young solo", "departure == 'GRU' && age < 25 && group_size == 1", "courier profile", true);
        PassengerRule docs = new PassengerRule("PR-2", "foreign document", "document_country != '' && document_country != nationality", "document of another country", true);
        PassengerRule off = new PassengerRule("PR-3", "everyone", "true", "x", false);
        PassengerRules rules = PassengerRules.of(List.of(young, docs, off));
        assertThat(rules.size()).isEqualTo(2);
        assertThat(rules.hits(facts("GRU", "BRA", "BRA", 22, 1, true))).containsExactly(young);
        assertThat(rules.hits(facts("GRU", "BRA", "BRA", 22, 2, true))).isEmpty();
        assertThat(rules.hits(facts("gru", "BRA", "PRT", 40, 1, true))).containsExactly(docs);
        assertThat(rules.hits(facts("", "BRA", "", 22, 1, false))).isEmpty();
        assertThat(young.explain()).isEqualTo("Passenger-data rule PR-1 \"young solo\": courier profile");
    }

    @Test
    void expressionsAreTypeCheckedWithLineAndColumn() {
        assertThatThrownBy(() -> PassengerRules.check(new PassengerRule("PR-9", "bad", "age == 'old'", "x", true)))
                .isInstanceOf(RuleCompilationException.class).satisfies(e -> {
                    RuleCompilationException r = (RuleCompilationException) e;
                    assertThat(r.line()).isEqualTo(1);
                    assertThat(r.column()).isPositive();
                });
        assertThatThrownBy(() -> PassengerRules.check(new PassengerRule("PR-9", "bad", "hs == '610910'", "x", true)))
                .as("cargo variables are not passenger data").isInstanceOf(RuleCompilationException.class);
        assertThatThrownBy(() -> new PassengerRule("PR-9", "no reason", "age > 1", " ", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paxlstCarriesEmbarkationDocumentCountryAndBooking() {
        String m = "UNA:+.? 'UNH+1+PAXLST:D:02B:UN:IATA'TDT+20+NH212'LOC+125+GRU'LOC+87+NRT'DTM+232:2612011730:201'"
                + "NAD+FL+++SILVA:ANA'ATT+2++F'DTM+329:030314'NAT+2+BRA'RFF+AVF:ABC123'DOC+P:110:111+FB1'LOC+91+PRT'"
                + "NAD+FL+++COSTA:RUI'ATT+2++M'DTM+329:900101'NAT+2+BRA'LOC+178+GIG'DOC+P:110:111+FB2'UNT+9+1'";
        PassengerList list = Paxlst.read(m, "NH212", null);
        Passenger ana = list.passengers().get(0);
        Passenger rui = list.passengers().get(1);
        assertThat(ana.departure()).isEqualTo("GRU");
        assertThat(ana.documentCountry()).isEqualTo("PRT");
        assertThat(ana.booking()).isEqualTo("ABC123");
        assertThat(rui.departure()).as("the passenger's own port of embarkation").isEqualTo("GIG");
        assertThat(rui.booking()).isEmpty();
        assertThat(PassengerFacts.age(ana.birthDate(), LocalDate.of(2026, 12, 1))).isEqualTo(23);
    }
}
