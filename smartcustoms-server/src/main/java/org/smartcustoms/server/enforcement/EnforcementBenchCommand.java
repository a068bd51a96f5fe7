package org.smartcustoms.server.enforcement;

import java.util.concurrent.Callable;

import org.smartcustoms.enforcement.bench.EnforcementBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench enforcement}: search, 3-hop link expansion and the risk engine's added cost on a generated database. */
@Command(name = "enforcement", mixinStandardHelpOptions = true,
        description = {"Generate an enforcement database in memory (seizures, persons, companies; every seizure linked to 1-3 of them)",
                "and measure full-text search p99, 3-hop link expansion p99 (links in memory) and the targeting index's added",
                "cost per declaration scored by the risk engine.",
                "Last line: {\"seizures\": N, ..., \"search_p99_ms\": a, \"graph3_p99_ms\": b, \"risk_added_us_per_declaration\": c, ...}"})
public class EnforcementBenchCommand implements Callable<Integer> {
    @Option(names = "--seizures", defaultValue = "1000000", description = "Generated seizures (default ${DEFAULT-VALUE}).")
    int seizures;
    @Option(names = "--persons", defaultValue = "2000000", description = "Generated persons (default ${DEFAULT-VALUE}).")
    int persons;
    @Option(names = "--companies", defaultValue = "500000", description = "Generated companies (default ${DEFAULT-VALUE}).")
    int companies;
    @Option(names = "--queries", defaultValue = "2000", description = "Searches and expansions timed (default ${DEFAULT-VALUE}).")
    int queries;
    @Option(names = "--declarations", defaultValue = "200000", description = "Declarations looked up (default ${DEFAULT-VALUE}).")
    int declarations;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the generated records (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (seizures < 1 || persons < 1 || companies < 1 || queries < 1 || declarations < 1) {
            throw new IllegalArgumentException("all counts must be at least 1");
        }
        EnforcementBenchmark.Result r = EnforcementBenchmark.run(seizures, persons, companies, queries, declarations, seed,
                json ? line -> { } : System.out::println);
        System.out.println(r.toJson());
        return 0;
    }
}
