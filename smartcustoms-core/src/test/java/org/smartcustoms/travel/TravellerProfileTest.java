package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class TravellerProfileTest {
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final TravellerProfile.Settings SETTINGS = new TravellerProfile.Settings(0.5, 5, 2, 3);

    static PassengerFacts traveller(String flight, String departure) {
        return new PassengerFacts(flight, departure, "BRA", "BRA", "F", 30, 1, true);
    }

    /** {@code found} findings then {@code nothing} results without, on the route, one minute apart from {@code start}. */
    static List<TravellerProfile.Result> results(String flight, String departure, int found, int nothing, Instant start) {
        List<TravellerProfile.Result> out = new ArrayList<>();
        for (int i = 0; i < found + nothing; i++) {
            out.add(new TravellerProfile.Result(traveller(flight, departure), i < found, start.plusSeconds(60L * i)));
        }
        return out;
    }

    @Test
    void smoothedRatesAgainstTheOverallRate() {
        List<TravellerProfile.Result> rs = new ArrayList<>(results("NH212", "GRU", 7, 2, T0));
        rs.addAll(results("BA5", "LHR", 1, 9, T0));
        TravellerProfile p = TravellerProfile.of(SETTINGS, rs);
        Instant later = T0.plusSeconds(3600);

        TravellerProfile.Score gru = p.score(traveller("NH212", "GRU"), later);
        assertThat(gru.results()).isEqualTo(19);
        assertThat(gru.findings()).isEqualTo(8);
        double p0 = (8 + 1.0) / (19 + 2.0);
        TravellerProfile.Evidence route = gru.evidence().get(0);
        assertThat(route.feature()).isEqualTo(TravellerProfile.Feature.ROUTE);
        assertThat(route.results()).isEqualTo(9);
        assertThat(route.findings()).isEqualTo(7);
        assertThat(route.rate()).isCloseTo((7 + 1 + 2 * p0) / (9 + 2 + 2), within(1e-12));
        // route and airport raise the score; nationality, document country, age and group (all 19 travellers alike) are at the overall rate
        assertThat(gru.evidence()).extracting(TravellerProfile.Evidence::feature).containsExactly(TravellerProfile.Feature.values());
        double expected = Math.log(p0 / (1 - p0));
        for (TravellerProfile.Evidence e : gru.evidence()) expected += e.logOdds();
        assertThat(gru.probability()).isCloseTo(1 / (1 + Math.exp(-expected)), within(1e-12));
        assertThat(gru.refer()).isTrue();
        assertThat(gru.reason()).get().asString().startsWith("Learned from officers' results: travellers on flight NH212 from GRU")
                .contains("in 7 of 9 controls");

        TravellerProfile.Score lhr = p.score(traveller("BA5", "LHR"), later);
        assertThat(lhr.refer()).isFalse();
        assertThat(lhr.reason()).isEmpty();
        assertThat(lhr.probability()).isLessThan(p0);
    }

    @Test
    void aFeatureValueCountsOnlyFromTheMinimumNumberOfResults() {
        List<TravellerProfile.Result> rs = new ArrayList<>(results("BA5", "LHR", 0, 10, T0));
        rs.addAll(results("NH212", "GRU", 4, 0, T0)); // four of four: one short of the minimum
        TravellerProfile four = TravellerProfile.of(SETTINGS, rs);
        TravellerProfile.Score s = four.score(traveller("NH212", "GRU"), T0.plusSeconds(3600));
        assertThat(s.evidence()).extracting(TravellerProfile.Evidence::feature).doesNotContain(TravellerProfile.Feature.ROUTE,
                TravellerProfile.Feature.DEPARTURE);
        assertThat(s.refer()).isFalse();

        TravellerProfile five = four.with(new TravellerProfile.Result(traveller("NH212", "GRU"), true, T0.plusSeconds(600)));
        assertThat(five.score(traveller("NH212", "GRU"), T0.plusSeconds(3600)).refer()).isTrue();
        assertThat(four.size()).as("immutable: with() answers a new profile").isEqualTo(14);
        assertThat(five.size()).isEqualTo(15);

        // a single result never refers, however telling: the whole profile needs the minimum too
        TravellerProfile one = TravellerProfile.of(SETTINGS, results("NH212", "GRU", 1, 0, T0));
        TravellerProfile.Score single = one.score(traveller("NH212", "GRU"), T0.plusSeconds(3600));
        assertThat(single.refer()).isFalse();
        assertThat(single.evidence()).isEmpty();
    }

    @Test
    void aResultCountsOnlyForTravellersScreenedAfterItWasRecorded() {
        List<TravellerProfile.Result> rs = new ArrayList<>(results("BA5", "LHR", 0, 10, T0));
        rs.addAll(results("NH212", "GRU", 5, 0, T0.plusSeconds(3600))); // the fifth finding at T0 + 1h + 4 min
        TravellerProfile p = TravellerProfile.of(SETTINGS, rs);
        Instant fifth = T0.plusSeconds(3600 + 240);
        assertThat(p.score(traveller("NH212", "GRU"), fifth).refer()).as("screened at the moment of the fifth: not yet").isFalse();
        assertThat(p.score(traveller("NH212", "GRU"), fifth.minusSeconds(1)).evidence())
                .extracting(TravellerProfile.Evidence::feature).doesNotContain(TravellerProfile.Feature.ROUTE);
        TravellerProfile.Score after = p.score(traveller("NH212", "GRU"), fifth.plusNanos(1));
        assertThat(after.refer()).isTrue();
        assertThat(after.results()).isEqualTo(15);
        assertThat(p.score(traveller("NH212", "GRU"), T0).results()).as("before any result").isZero();
    }

    @Test
    void aHighRateAmongAllTravellersSentToTheCounterReferNobodyByItself() {
        // 6 of 11 found, alike on every feature but the route: the overall rate is above the threshold, nothing sets anyone apart
        List<TravellerProfile.Result> rs = new ArrayList<>(results("NH212", "GRU", 3, 3, T0));
        rs.addAll(results("BA5", "LHR", 3, 2, T0));
        TravellerProfile p = TravellerProfile.of(SETTINGS, rs);
        TravellerProfile.Score s = p.score(traveller("JL1", "SYD"), T0.plusSeconds(3600));
        assertThat(s.probability()).isGreaterThan(0.5);
        assertThat(s.refer()).isFalse();

        // every result a finding: what every traveller shares is at the overall rate, nothing sets anyone apart
        TravellerProfile all = TravellerProfile.of(SETTINGS, results("NH212", "GRU", 7, 0, T0));
        TravellerProfile.Score same = all.score(traveller("NH212", "GRU"), T0.plusSeconds(3600));
        assertThat(same.evidence()).hasSize(TravellerProfile.Feature.values().length)
                .allSatisfy(e -> assertThat(e.logOdds()).isCloseTo(0, within(1e-12)));
        assertThat(same.refer()).isFalse();
    }

    @Test
    void deterministicWhateverTheOrderOfTheResults() {
        List<TravellerProfile.Result> rs = new ArrayList<>(results("NH212", "GRU", 6, 3, T0));
        rs.addAll(results("BA5", "LHR", 2, 8, T0.plusSeconds(30)));
        TravellerProfile a = TravellerProfile.of(SETTINGS, rs);
        Collections.reverse(rs);
        TravellerProfile b = TravellerProfile.empty(SETTINGS);
        for (TravellerProfile.Result r : rs) b = b.with(r);
        Instant at = T0.plusSeconds(300);
        assertThat(b.score(traveller("NH212", "GRU"), at)).isEqualTo(a.score(traveller("NH212", "GRU"), at));
        assertThat(b.score(traveller("BA5", "LHR"), at)).isEqualTo(a.score(traveller("BA5", "LHR"), at));
    }

    @Test
    void unknownAirportIsNotLearnedAndSettingsAreValidated() {
        TravellerProfile p = TravellerProfile.of(SETTINGS, results("NH212", "", 9, 0, T0));
        assertThat(p.score(traveller("NH212", ""), T0.plusSeconds(3600)).evidence()).extracting(TravellerProfile.Evidence::feature)
                .doesNotContain(TravellerProfile.Feature.ROUTE, TravellerProfile.Feature.DEPARTURE);
        assertThatThrownBy(() -> new TravellerProfile.Settings(0, 5, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TravellerProfile.Settings(0.5, 1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TravellerProfile.Settings(0.5, 5, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TravellerProfile.Settings(0.5, 5, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
