package org.smartcustoms.travel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A traveller risk profile learned from officers' recorded results: for each value of a few passenger-data features
 * (route, airport of embarkation, nationality, document country, age band, group size) the number of controls with a
 * result and of those with a finding (a result other than nothing found), and from them a smoothed hit rate.
 *
 * <p>Scoring is naive-Bayes style: the overall rate {@code p0 = (F + 1) / (N + 2)} (Laplace), each feature value's rate
 * {@code p = (f + 1 + a·p0) / (n + 2 + a)} (the same Laplace smoothing and a Beta prior of strength {@code a} centred on
 * the overall rate, so few results stay close to it, and a value that every result shares is exactly at the overall rate), and the score {@code sigmoid(logit(p0) + Σ (logit(p) − logit(p0)))} over the feature values with at
 * least {@code minResults} results. A traveller is referred when the score reaches the threshold and the traveller's
 * odds are at least {@code minOddsRatio} times the overall odds (so a high rate among all travellers sent to the counter
 * never refers everyone: only what sets this traveller apart does); the strongest feature value is named in the reason. Features are treated as independent (the route and
 * the airport of embarkation are not), which overstates agreeing evidence.
 *
 * <p>As of: a result counts only for travellers screened strictly after it was recorded ({@link #score} takes the
 * screening instant). Immutable; {@link #with} answers a new profile. Deterministic: same results, same scores.
 */
public final class TravellerProfile {

    /** The features the profile learns, each with the officer's words for a value. */
    public enum Feature {
        ROUTE(f -> f.departure().isEmpty() ? "" : f.flight() + " from " + f.departure(), v -> "travellers on flight " + v),
        DEPARTURE(PassengerFacts::departure, v -> "travellers from " + v),
        NATIONALITY(PassengerFacts::nationality, v -> "travellers of nationality " + v),
        DOCUMENT_COUNTRY(PassengerFacts::documentCountry, v -> "travellers with a document issued by " + v),
        AGE_BAND(f -> ageBand(f.age()), v -> "travellers aged " + v),
        GROUP_SIZE(f -> f.groupSize() == 1 ? "alone" : f.groupSize() <= 4 ? "in a group of 2 to 4" : "in a group of 5 or more",
                v -> "travellers " + v);

        private final Function<PassengerFacts, String> value;
        private final Function<String, String> words;

        Feature(Function<PassengerFacts, String> value, Function<String, String> words) {
            this.value = value;
            this.words = words;
        }

        /** The traveller's value of this feature, "" when not known (not learned from). */
        public String value(PassengerFacts f) { return value.apply(f); }

        public String words(String value) { return words.apply(value); }

        static String ageBand(int age) {
            if (age < 18) return "under 18";
            if (age < 25) return "18 to 24";
            if (age < 35) return "25 to 34";
            if (age < 50) return "35 to 49";
            if (age < 65) return "50 to 64";
            return "65 or over";
        }
    }

    /**
     * @param threshold   the score (0..1) from which a traveller is referred
     * @param minResults  results a feature value (and the whole profile) needs before it counts
     * @param priorStrength the weight {@code a} of the overall rate in a feature value's rate (pseudo-results)
     * @param minOddsRatio how many times the overall odds the traveller's odds must be
     */
    public record Settings(double threshold, int minResults, double priorStrength, double minOddsRatio) {
        public Settings {
            if (!(minOddsRatio > 1)) throw new IllegalArgumentException("learned minimum odds ratio must be above 1");
            if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("learned threshold must be above 0 and at most 1");
            if (minResults < 2) throw new IllegalArgumentException("learned minimum results must be at least 2");
            if (!(priorStrength > 0)) throw new IllegalArgumentException("learned prior strength must be positive");
        }
    }

    /** One officer's result on a traveller sent to the counter: the traveller's facts, whether something was found, when. */
    public record Result(PassengerFacts facts, boolean finding, Instant recordedAt) {
        public Result {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }
    }

    /** What one feature value contributes: its results and findings as of the screening, rate and log-odds shift. */
    public record Evidence(Feature feature, String value, int results, int findings, double rate, double logOdds) {
        /** For the officer, e.g. "travellers from GRU were found with goods in 7 of 9 controls". */
        public String explain() {
            return feature.words(value) + " were found with goods or duty owed in " + findings + " of " + results + " controls";
        }
    }

    /** A traveller's score as of a screening; {@code evidence} only the feature values with enough results. */
    public record Score(double probability, int results, int findings, List<Evidence> evidence, boolean refer) {
        public Score {
            evidence = List.copyOf(evidence);
        }

        /** The reason on the arrivals board when referred: the strongest evidence, in words. */
        public Optional<String> reason() {
            if (!refer) return Optional.empty();
            Evidence top = evidence.stream().filter(e -> e.logOdds() > 0)
                    .max((a, b) -> Double.compare(a.logOdds(), b.logOdds())).orElseThrow();
            return Optional.of(String.format(Locale.ROOT, "Learned from officers' results: %s (all travellers sent to the counter: %d of %d); "
                    + "learned score %.2f", top.explain(), findings, results, probability));
        }
    }

    /** Times of the results and of the findings of one feature value (or of all), sorted. Immutable. */
    private static final class Counts {
        static final Counts EMPTY = new Counts(new Instant[0], new Instant[0]);
        private final Instant[] results;
        private final Instant[] findings;

        private Counts(Instant[] results, Instant[] findings) {
            this.results = results;
            this.findings = findings;
        }

        Counts with(Result r) {
            return new Counts(insert(results, r.recordedAt()), r.finding() ? insert(findings, r.recordedAt()) : findings);
        }

        /** How many were recorded strictly before {@code asOf}. */
        static int before(Instant[] times, Instant asOf) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid].isBefore(asOf)) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        private static Instant[] insert(Instant[] a, Instant t) {
            int i = before(a, t);
            while (i < a.length && !a[i].isAfter(t)) i++; // after the equal ones: insertion order kept
            Instant[] out = Arrays.copyOf(a, a.length + 1);
            System.arraycopy(a, i, out, i + 1, a.length - i);
            out[i] = t;
            return out;
        }
    }

    private final Settings settings;
    private final Counts all;
    private final Map<String, Counts> byValue;

    private TravellerProfile(Settings settings, Counts all, Map<String, Counts> byValue) {
        this.settings = settings;
        this.all = all;
        this.byValue = byValue;
    }

    public static TravellerProfile empty(Settings settings) {
        return new TravellerProfile(Objects.requireNonNull(settings, "settings"), Counts.EMPTY, Map.of());
    }

    /** The profile learned from these results (any order). */
    public static TravellerProfile of(Settings settings, Collection<Result> results) {
        Objects.requireNonNull(settings, "settings");
        Counts all = Counts.EMPTY;
        Map<String, Counts> m = new HashMap<>();
        for (Result r : results) {
            all = all.with(r);
            for (Feature f : Feature.values()) {
                String v = f.value(r.facts());
                if (!v.isEmpty()) m.merge(key(f, v), Counts.EMPTY.with(r), (old, x) -> old.with(r));
            }
        }
        return new TravellerProfile(settings, all, Map.copyOf(m));
    }

    /** This profile and one more result. */
    public TravellerProfile with(Result r) {
        Objects.requireNonNull(r, "result");
        Map<String, Counts> m = new HashMap<>(byValue);
        for (Feature f : Feature.values()) {
            String v = f.value(r.facts());
            if (!v.isEmpty()) m.put(key(f, v), m.getOrDefault(key(f, v), Counts.EMPTY).with(r));
        }
        return new TravellerProfile(settings, all.with(r), Map.copyOf(m));
    }

    public Settings settings() { return settings; }

    /** Results held (recorded at any time). */
    public int size() { return all.results.length; }

    /** The traveller's score from the results recorded strictly before {@code asOf}. */
    public Score score(PassengerFacts facts, Instant asOf) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(asOf, "asOf");
        int n = Counts.before(all.results, asOf);
        int found = Counts.before(all.findings, asOf);
        double p0 = (found + 1.0) / (n + 2.0);
        if (n < settings.minResults()) return new Score(p0, n, found, List.of(), false);
        double logit0 = logit(p0);
        double sum = logit0;
        List<Evidence> evidence = new ArrayList<>();
        for (Feature f : Feature.values()) {
            String v = f.value(facts);
            if (v.isEmpty()) continue;
            Counts c = byValue.get(key(f, v));
            if (c == null) continue;
            int fn = Counts.before(c.results, asOf);
            if (fn < settings.minResults()) continue;
            int ff = Counts.before(c.findings, asOf);
            double p = (ff + 1 + settings.priorStrength() * p0) / (fn + 2 + settings.priorStrength());
            double shift = logit(p) - logit0;
            evidence.add(new Evidence(f, v, fn, ff, p, shift));
            sum += shift;
        }
        double probability = 1 / (1 + Math.exp(-sum));
        boolean refer = probability >= settings.threshold() && sum - logit0 >= Math.log(settings.minOddsRatio());
        return new Score(probability, n, found, evidence, refer);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static String key(Feature f, String value) {
        return f.name() + '\u0000' + value;
    }
}
