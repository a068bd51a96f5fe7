package org.smartcustoms.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.bench.RiskBenchmark;

/**
 * Hot path of the risk engine: {@link RiskEngine#assess} of one declaration against the synthetic world of
 * {@link RiskBenchmark} (rules, 10,000 listed traders, commodity targets, history and an XGBoost model trained
 * on the synthetic world's labelled history, served by the Java tree evaluator with TreeSHAP explanations).
 * Run: {@code java -Xmx4g -jar smartcustoms-bench/target/benchmarks.jar RiskEngineBenchmark -p rules=1500000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public class RiskEngineBenchmark {

    @Param({"100000", "1500000"})
    public int rules;

    private RiskEngine engine;
    private List<Declaration> declarations;

    @Setup(Level.Trial)
    public void load() {
        RiskBenchmark.Fixture fixture = RiskBenchmark.fixture(rules, 20_000, 42,
                RiskBenchmark.trainModel(42, 40_000, line -> { }, java.time.Clock.systemUTC()));
        engine = fixture.engine();
        declarations = fixture.declarations();
    }

    /** Per-thread cursor over the declaration pool. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public RiskDecision assess(Cursor cursor) {
        Declaration d = declarations.get(cursor.next);
        cursor.next = (cursor.next + 1) % declarations.size();
        return engine.assess(d);
    }
}
