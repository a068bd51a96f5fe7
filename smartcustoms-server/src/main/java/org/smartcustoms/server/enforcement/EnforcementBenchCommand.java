package org.smartcustoms.server.enforcement;

import java.util.concurrent.Callable;

import org.smartcustoms.enforcement.bench.EnforcementBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench enforcement}: search, 3-hop link expansion and the risk engine's added cost on a generated database. */
@Command(name = "enforcement", mixinStandardHelpOptions = true,
        description = {"Generate an enforcement database in memory (seizures, persons, companies; every seizure linked to 1-3 of them)",
                "and measure full-text search p99, 3-hop link expansion p99 (links in memory) and the targeting index's added",
                "cost per declaration scored by the risk engine. With --jdbc-url (an EMPTY PostgreSQL database; migrated here)",
                "the same records are also loaded into the enf_* tables and the 3-hop expansion is timed as the API does it",
                "(one enf_link query per hop, then the nodes' labels) through the server's JDBC store.",
                "Generation is streamed (names from their number, links as int arrays): the heap holds the indexes themselves.",
                "Last line: {\"seizures\": N, ..., \"search_p99_ms\": a, \"graph3_p99_ms\": b, \"sql_graph3_p99_ms\": c,"
                        + " \"risk_added_us_per_declaration\": d, ...}"})
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
    @Option(names = "--jdbc-url", description = "An empty PostgreSQL database to load and expand through, e.g. jdbc:postgresql://127.0.0.1:5432/bench")
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String jdbcUser;
    @Option(names = "--jdbc-password", defaultValue = "", description = "Database password (default: none).")
    String jdbcPassword;
    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (seizures < 1 || persons < 1 || companies < 1 || queries < 1 || declarations < 1) {
            throw new IllegalArgumentException("all counts must be at least 1");
        }
        java.util.function.Consumer<String> progress = json ? line -> { } : System.out::println;
        EnforcementBenchmark.Result r;
        if (jdbcUrl == null) {
            r = EnforcementBenchmark.run(seizures, persons, companies, queries, declarations, seed, progress);
        } else {
            try (JdbcEnforcementStore.BenchDatabase db = JdbcEnforcementStore.BenchDatabase.open(jdbcUrl, jdbcUser, jdbcPassword)) {
                JdbcEnforcementStore store = db.store();
                r = EnforcementBenchmark.run(seizures, persons, companies, queries, declarations, seed, progress, db.sink(progress), from -> {
                    LinkChart.Expansion x = LinkChart.expand(store, from, 3, EnforcementService.MAX_NODES);
                    LinkChart.labels(store, x.nodes());
                    return x.nodes().size();
                });
            }
        }
        System.out.println(r.toJson());
        return 0;
    }
}
