package org.smartcustoms.risk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.risk.RiskConfig;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.Reason;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.model.FraudModelTrainer;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.model.TrainingParams;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.WatchList;

/**
 * The {@code bench risk} runner: loads N generated rules, 10,000 listed traders, 50 commodity targets,
 * history for 200,000 traders and a fraud model, then scores M generated declarations in batch on all
 * cores and reports throughput, per-declaration latency percentiles and the used heap (after GC, engine
 * and the declaration pool loaded). Declarations come from a pool of at most 20,000 distinct ones, scored
 * once untimed to warm the JIT, then M times timed.
 *
 * <p>The model is a real XGBoost model: either one given (a registry directory) or, by default, one
 * trained before the run on {@value #HISTORY} labelled declarations of the same synthetic world
 * ({@link SyntheticData#history}), so the figures include feature extraction, the trees and the SHAP
 * explanations of the declarations an officer will read.
 */
public final class RiskBenchmark {
    static final int POOL = 20_000;
    static final int WATCHLIST_PARTIES = 10_000;
    static final int COMMODITY_TARGETS = 50;
    static final int HISTORY = 40_000;

    private RiskBenchmark() { }

    /** Figures of one run; {@link #toJson()} is the CLI's last line. */
    public record Result(int rules, int declarations, double declarationsPerSecond, double p50Ms, double p99Ms,
                         long heapMb, double loadSeconds, int distinctPrograms, double ruleEvaluationsPerDeclaration,
                         double redShare, double yellowShare, double randomShare, int threads,
                         double cpuMicrosPerDeclaration, double allocatedKbPerDeclaration, int fastPathRules,
                         String model, double explainedShare) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"rules\": %d, \"declarations\": %d, \"declarations_per_second\": %.1f, "
                    + "\"p50_ms\": %.4f, \"p99_ms\": %.4f, \"heap_mb\": %d}", rules, declarations,
                    declarationsPerSecond, p50Ms, p99Ms, heapMb);
        }

        /** Extra figures for humans (printed before the JSON line by the CLI/main). */
        public String details() {
            return String.format(Locale.ROOT, "model %s, explained %.1f %% of declarations; "
                    + "load %.1f s, %d distinct CEL programs (%d of %d rules on the Java fast path), "
                    + "%.1f rule evaluations/declaration, "
                    + "channels red %.1f %% yellow %.1f %% (random %.1f %%), %d threads, %.1f us CPU/declaration "
                    + "(= %.0f declarations/s if the %d cores were ours alone), %.1f KB allocated/declaration",
                    model, 100 * explainedShare, loadSeconds, distinctPrograms, fastPathRules, rules,
                    ruleEvaluationsPerDeclaration, 100 * redShare, 100 * yellowShare, 100 * randomShare, threads,
                    cpuMicrosPerDeclaration, threads * 1e6 / cpuMicrosPerDeclaration, threads, allocatedKbPerDeclaration);
        }
    }

    /** A loaded engine and a pool of declarations to score, for {@link #run} and the JMH benchmark. */
    public record Fixture(RiskEngine engine, List<Declaration> declarations) {
        public Fixture {
            declarations = List.copyOf(declarations);
        }
    }

    /**
     * Builds the synthetic world: {@code rules} rules, the watch lists, history and the model (null = the
     * synthetic one), plus {@code poolSize} declarations.
     */
    public static Fixture fixture(int rules, int poolSize, long seed, FraudModel model) {
        SyntheticData data = new SyntheticData(seed);
        RuleSet ruleSet = RuleSet.build(data.rules(rules), new RuleCompiler());
        WatchList watchList = new WatchList(data.watchListParties(WATCHLIST_PARTIES), data.commodityTargets(COMMODITY_TARGETS));
        RiskEngine engine = new RiskEngine(ruleSet, watchList, model == null ? new SyntheticFraudModel() : model,
                data.context(), RiskConfig.defaults(), new Random(seed));
        return new Fixture(engine, data.declarations(poolSize, 1));
    }

    /** Runs with an XGBoost model trained first on the synthetic world's history ({@link #trainModel}). */
    public static Result run(int rules, int declarations, long seed, java.util.function.Consumer<String> progress,
                             java.time.Clock clock) {
        return run(rules, declarations, seed, trainModel(seed, HISTORY, progress, clock));
    }

    /** Trees of the benchmark model: more than the 83 that early stopping keeps for KCS train.csv at depth 6. */
    static final int MODEL_TREES = 100;

    /**
     * Trains the benchmark's XGBoost model on {@code historyDeclarations} labelled declarations lodged before
     * the benchmark's: default parameters (depth 6) but a fixed {@value #MODEL_TREES} rounds, so the model
     * costs what a production-sized one does whatever the synthetic signal lets early stopping keep.
     */
    public static TrainedFraudModel trainModel(long seed, int historyDeclarations, java.util.function.Consumer<String> progress,
                                               java.time.Clock clock) {
        long t0 = System.nanoTime();
        TrainedFraudModel m = FraudModelTrainer.train(new SyntheticData(seed).history(historyDeclarations),
                TrainingParams.defaults().withHoldoutDays(0).withRounds(MODEL_TREES), progress, clock);
        progress.accept(String.format(Locale.ROOT, "trained the benchmark model (%s) in %.1f s", m.shape(),
                (System.nanoTime() - t0) / 1e9));
        return m;
    }

    /** Runs with a fixed logistic stand-in for the model: the rest of the engine alone, for comparison. */
    public static Result runWithoutModel(int rules, int declarations, long seed) {
        return run(rules, declarations, seed, new SyntheticFraudModel());
    }

    /** @param model the model to score with, or null for the stand-in logistic function */
    public static Result run(int rules, int declarations, long seed, FraudModel model) {
        if (rules < 0 || declarations < 1) throw new IllegalArgumentException("need rules >= 0 and declarations >= 1");
        long t0 = System.nanoTime();
        Fixture fixture = fixture(rules, Math.min(POOL, declarations), seed, model);
        RiskEngine engine = fixture.engine();
        RuleSet ruleSet = engine.rules();
        List<Declaration> pool = fixture.declarations();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        int threads = Runtime.getRuntime().availableProcessors();

        score(engine, pool, pool.size(), threads, new long[pool.size()], new int[4], new LongAdder(), new LongAdder());
        long heapMb = usedHeapMb();
        long evaluationsBefore = ruleSet.totalEvaluations();

        long[] latencies = new long[declarations];
        int[] channels = new int[4];
        LongAdder cpuNanos = new LongAdder();
        LongAdder allocated = new LongAdder();
        long wall = score(engine, pool, declarations, threads, latencies, channels, cpuNanos, allocated);
        long evaluations = ruleSet.totalEvaluations() - evaluationsBefore;
        heapMb = Math.max(heapMb, usedHeapMb());

        Arrays.sort(latencies);
        double p50 = latencies[(int) Math.min(declarations - 1, Math.floor(declarations * 0.50))] / 1e6;
        double p99 = latencies[(int) Math.min(declarations - 1, Math.floor(declarations * 0.99))] / 1e6;
        return new Result(rules, declarations, declarations / (wall / 1e9), p50, p99, heapMb, loadSeconds,
                ruleSet.distinctPrograms(), (double) evaluations / declarations, (double) channels[2] / declarations,
                (double) channels[1] / declarations, (double) channels[0] / declarations, threads,
                cpuNanos.sum() / 1e3 / declarations, allocated.sum() / 1024.0 / declarations, ruleSet.fastPathRules(),
                engine.model() instanceof TrainedFraudModel t ? "XGBoost " + t.version() + " (" + t.shape() + ")"
                        : engine.model().version(), (double) channels[3] / declarations);
    }

    /**
     * Scores {@code count} declarations cycling over the pool; returns wall nanos; channels[0] counts random,
     * [1] yellow, [2] red, [3] declarations with model explanation sentences.
     */
    private static long score(RiskEngine engine, List<Declaration> pool, int count, int threads, long[] latencies,
                              int[] channels, LongAdder cpuNanos, LongAdder allocatedBytes) {
        LongAdder red = new LongAdder();
        LongAdder yellow = new LongAdder();
        LongAdder random = new LongAdder();
        LongAdder explained = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int offset = t;
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = allocatedBytes(mx);
                for (int i = offset; i < count; i += threads) {
                    Declaration d = pool.get(i % pool.size());
                    long s = System.nanoTime();
                    RiskDecision decision = engine.assess(d);
                    long e = System.nanoTime() - s;
                    if (i < latencies.length) latencies[i] = e;
                    switch (decision.channel()) {
                        case RED -> red.increment();
                        case YELLOW -> yellow.increment();
                        default -> { }
                    }
                    if (decision.randomlySelected()) random.increment();
                    int modelReasons = 0;
                    for (var reason : decision.reasons()) if (reason.source() == Reason.Source.MODEL) modelReasons++;
                    if (modelReasons > 1) explained.increment();
                }
                cpuNanos.add(mx.getCurrentThreadCpuTime() - cpu0);
                allocatedBytes.add(allocatedBytes(mx) - alloc0);
            }, "risk-bench-" + t);
            workers[t].start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long wall = System.nanoTime() - begin;
        channels[0] = random.intValue();
        channels[1] = yellow.intValue();
        channels[2] = red.intValue();
        channels[3] = explained.intValue();
        return wall;
    }

    /** Bytes allocated so far by the current thread (0 where the JVM cannot tell). */
    private static long allocatedBytes(ThreadMXBean mx) {
        return mx instanceof com.sun.management.ThreadMXBean sun ? Math.max(0, sun.getCurrentThreadAllocatedBytes()) : 0;
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

}
