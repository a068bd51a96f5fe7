package org.smartcustoms.risk.rules;

import dev.cel.runtime.CelRuntime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.smartcustoms.risk.features.ItemFeatures;

/**
 * An immutable, indexed set of compiled rules: what the engine evaluates. Each rule is compiled (or its
 * shared program reused) when the set is built, so a set only ever holds valid rules. For every item only
 * the rules whose scope matches are evaluated (see {@link RuleIndex}). A rule that fails at run time is
 * counted and its last error kept; scoring goes on. To change rules, build a new set and swap it in the
 * engine: statistics belong to a set.
 *
 * <p>A rule runs as a plain-Java predicate when its expression has a fast path ({@link FastPath}) and its
 * params hold every key the expression reads; otherwise in CEL. Results, hit order, evaluation and error
 * counts are the same either way.
 */
public final class RuleSet {
    /*
     * Every per-rule array is indexed by the rule's position in the scope index (see RuleIndex), not by load
     * order: the candidates of one scope key are then adjacent in every array, so an evaluation touches a
     * few neighbouring cache lines instead of a dozen random ones among 1.5 million rules.
     */
    private final Rule[] rules;
    /** Load index -> position. */
    private final int[] positionOf;
    private final CelRuntime.Program[] programs;
    /** Per rule: the plain-Java predicate to use instead of CEL, or null (see {@link FastPath}). */
    private final FastPath.Pred[] fast;
    /** Per fast rule: where its params (in {@link FastPath.Compiled#paramKeys()} order) start in paramValues. */
    private final int[] paramBase;
    private final double[] paramValues;
    /** Bit set over rules: the rule reads only declaration-level features. */
    private final long[] declarationLevel;
    private final int fastRules;
    private final Map<String, Integer> byId;
    private final RuleIndex index;
    /** Per rule: first valid day (epoch day) in the high int, last valid day in the low int. */
    private final long[] validity;
    /**
     * Per rule: evaluations, hits, errors at 3i, 3i+1, 3i+2, in one array per stripe (threads pick a stripe
     * by id) so that cores do not fight over the counters of hot global rules; 24 bytes per rule and stripe
     * instead of three LongAdder objects per rule.
     */
    private final AtomicLongArray[] counts;
    private final AtomicReferenceArray<String> lastErrors;
    private final LongAdder evaluations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final int distinctPrograms;

    private RuleSet(List<Rule> list, RuleCompiler compiler, boolean fastPath) {
        int n = list.size();
        RuleCompiler.Compiled[] compiled = new RuleCompiler.Compiled[n];
        Map<String, Integer> loadIndex = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Rule r = list.get(i);
            if (loadIndex.put(r.id(), i) != null) throw new IllegalArgumentException("duplicate rule id " + r.id());
            compiled[i] = compiler.compiled(r);
        }
        index = new RuleIndex(list);
        int[] order = index.takeOrder();
        rules = new Rule[n];
        positionOf = new int[n];
        programs = new CelRuntime.Program[n];
        fast = new FastPath.Pred[n];
        paramBase = new int[n];
        declarationLevel = new long[(n + 63) >>> 6];
        validity = new long[n];
        double[] values = new double[Math.max(16, n)];
        int used = 0;
        int fastCount = 0;
        for (int pos = 0; pos < n; pos++) {
            int i = order[pos];
            Rule r = list.get(i);
            RuleCompiler.Compiled c = compiled[i];
            rules[pos] = r;
            positionOf[i] = pos;
            programs[pos] = c.program();
            // the fast path cannot fail; a rule lacking a param it reads runs in CEL, which reports the error
            if (fastPath && c.fast() != null && r.params().keySet().containsAll(c.fast().paramKeys())) {
                fast[pos] = c.fast().pred();
                fastCount++;
                List<String> keys = c.fast().paramKeys();
                if (used + keys.size() > values.length) values = Arrays.copyOf(values, Math.max(2 * values.length, used + keys.size()));
                paramBase[pos] = used;
                for (String k : keys) values[used++] = r.params().get(k);
            }
            if (fastPath && c.declarationLevel()) declarationLevel[pos >>> 6] |= 1L << pos;
            int from = !r.enabled() ? Integer.MAX_VALUE
                    : r.validFrom() == null ? Integer.MIN_VALUE : (int) r.validFrom().toEpochDay();
            int to = !r.enabled() ? Integer.MIN_VALUE
                    : r.validTo() == null ? Integer.MAX_VALUE : (int) r.validTo().toEpochDay();
            validity[pos] = ((long) from << 32) | (to & 0xFFFFFFFFL);
        }
        paramValues = used == values.length ? values : Arrays.copyOf(values, used);
        loadIndex.replaceAll((id, i) -> positionOf[i]);
        byId = loadIndex;
        int stripes = Math.min(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)) << 1);
        counts = new AtomicLongArray[stripes];
        for (int i = 0; i < stripes; i++) counts[i] = new AtomicLongArray(3 * n);
        lastErrors = new AtomicReferenceArray<>(n);
        distinctPrograms = compiler.distinctPrograms();
        fastRules = fastCount;
    }

    /**
     * Compiles and indexes the rules.
     *
     * @throws RuleCompilationException for the first rule that does not compile
     */
    public static RuleSet build(Collection<Rule> rules, RuleCompiler compiler) {
        return new RuleSet(List.copyOf(rules), compiler, true);
    }

    /** A set that evaluates every rule in the CEL interpreter (no fast path, no reuse): the reference, for tests. */
    static RuleSet buildInterpreted(Collection<Rule> rules, RuleCompiler compiler) {
        return new RuleSet(List.copyOf(rules), compiler, false);
    }

    public static RuleSet empty() {
        return build(List.of(), new RuleCompiler());
    }

    public int size() {
        return rules.length;
    }

    /** Distinct compiled programs held by the compiler that built this set. */
    public int distinctPrograms() {
        return distinctPrograms;
    }

    public Optional<Rule> rule(String id) {
        Integer i = byId.get(id);
        return i == null ? Optional.empty() : Optional.of(rules[i]);
    }

    /** Rules evaluated by the plain-Java fast path rather than the CEL interpreter (same results). */
    public int fastPathRules() {
        return fastRules;
    }

    /** All rules, in load order. */
    public List<Rule> rules() {
        Rule[] out = new Rule[rules.length];
        for (int i = 0; i < out.length; i++) out[i] = rules[positionOf[i]];
        return List.of(out);
    }

    /** Total rule evaluations and run-time errors since load. */
    public long totalEvaluations() {
        return evaluations.sum();
    }

    public long totalErrors() {
        return errors.sum();
    }

    public Optional<RuleStats> stats(String ruleId) {
        Integer i = byId.get(ruleId);
        if (i == null) return Optional.empty();
        return Optional.of(statsOf(i));
    }

    /** Statistics of the rules that failed at run time, for the rule owners to fix them. */
    public List<RuleStats> failingRules() {
        List<RuleStats> out = new ArrayList<>();
        for (int pos : positionOf) {
            if (count(3 * pos + 2) > 0) out.add(statsOf(pos));
        }
        return out;
    }

    private RuleStats statsOf(int i) {
        return new RuleStats(rules[i].ref(), count(3 * i), count(3 * i + 1), count(3 * i + 2), lastErrors.get(i));
    }

    private long count(int index) {
        long sum = 0;
        for (AtomicLongArray stripe : counts) sum += stripe.get(index);
        return sum;
    }

    /**
     * Evaluates the applicable rules on every item. A rule counts at most one hit per declaration.
     *
     * @param partyIds ids of all parties on the declaration (party-scoped rules match any of them)
     * @param date     the declaration date, for rule validity (null = ignore validity periods)
     */
    public RuleEvaluation evaluate(List<ItemFeatures> items, Collection<String> partyIds, LocalDate date) {
        int[] partyNumbers = new int[partyIds.size()];
        int k = 0;
        for (String p : partyIds) {
            int no = index.partyNumber(p);
            boolean dup = false;
            for (int j = 0; j < k; j++) dup |= partyNumbers[j] == no;
            if (!dup) partyNumbers[k++] = no;
        }
        Evaluation ev = new Evaluation(date == null ? Integer.MIN_VALUE : (int) date.toEpochDay(), date == null);
        // a declaration-level rule gives the same outcome on every item, so it is computed once and the
        // outcome reused (still counted per item) - provided the items really agree on those features
        boolean reuse = items.size() > 1;
        for (int i = 1; reuse && i < items.size(); i++) reuse = FastPath.sameDeclarationLevel(items.get(0), items.get(i));
        ev.reuse = reuse;
        for (ItemFeatures item : items) {
            ev.item = item;
            index.candidates(item.hs(), item.origin(), item.office(), partyNumbers, ev::run);
        }
        if (ev.evaluations > 0) evaluations.add(ev.evaluations);
        if (ev.errors > 0) errors.add(ev.errors);
        return new RuleEvaluation(ev.hits, ev.evaluations, ev.errors);
    }

    private final class Evaluation {
        final int day;
        final boolean anyDay;
        final List<RuleHit> hits = new ArrayList<>(4);
        final AtomicLongArray stripe = counts[(int) Thread.currentThread().threadId() & (counts.length - 1)];
        int[] hitSlots = new int[4];
        ItemFeatures item;
        boolean reuse;
        /** Declaration-level rules already evaluated without a hit, with their error (null = false). */
        int[] knownSlots = new int[8];
        String[] knownErrors = new String[8];
        int known;
        int evaluations;
        int errors;

        Evaluation(int day, boolean anyDay) {
            this.day = day;
            this.anyDay = anyDay;
        }

        void run(int slot) {
            long valid = validity[slot];
            if (anyDay ? (int) (valid >> 32) == Integer.MAX_VALUE : (day < (int) (valid >> 32) || day > (int) valid)) return;
            for (int i = 0; i < hits.size(); i++) if (hitSlots[i] == slot) return;
            evaluations++;
            stripe.getAndIncrement(3 * slot);
            boolean once = reuse && (declarationLevel[slot >>> 6] & (1L << slot)) != 0;
            if (once) {
                for (int i = 0; i < known; i++) {
                    if (knownSlots[i] == slot) {
                        // same outcome as on an earlier item: false, or the same error
                        String error = knownErrors[i];
                        if (error != null) fail(slot, error);
                        return;
                    }
                }
            }
            String error = null;
            boolean hit = false;
            FastPath.Pred p = fast[slot];
            if (p != null) {
                hit = p.test(item, paramValues, paramBase[slot]);
            } else {
                try {
                    hit = Boolean.TRUE.equals(programs[slot].eval(new FeatureResolver(item, rules[slot].params())));
                } catch (Exception | StackOverflowError e) {
                    error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    fail(slot, error);
                }
            }
            if (hit) {
                hit(slot);
            } else if (once) {
                if (known == knownSlots.length) {
                    knownSlots = java.util.Arrays.copyOf(knownSlots, known * 2);
                    knownErrors = java.util.Arrays.copyOf(knownErrors, known * 2);
                }
                knownSlots[known] = slot;
                knownErrors[known++] = error;
            }
        }

        private void hit(int slot) {
            stripe.getAndIncrement(3 * slot + 1);
            if (hits.size() == hitSlots.length) hitSlots = java.util.Arrays.copyOf(hitSlots, hitSlots.length * 2);
            hitSlots[hits.size()] = slot;
            hits.add(new RuleHit(rules[slot], item.itemSequence()));
        }

        private void fail(int slot, String error) {
            errors++;
            stripe.getAndIncrement(3 * slot + 2);
            lastErrors.set(slot, error);
        }
    }
}
