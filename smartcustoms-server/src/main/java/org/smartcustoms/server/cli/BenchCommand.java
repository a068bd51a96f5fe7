package org.smartcustoms.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures (never part of the tests).",
        subcommands = {BenchCommand.Intake.class, HttpBenchCommand.class, BenchCommand.Risk.class})
class BenchCommand {

    @Command(name = "risk", mixinStandardHelpOptions = true,
            description = {"Load N generated rules and score M generated declarations (rules + model + watch lists).",
                    "Last line: {\"rules\": N, \"declarations\": M, \"declarations_per_second\": x, \"p50_ms\": a, \"p99_ms\": b, \"heap_mb\": h}"})
    static class Risk implements Callable<Integer> {
        @Option(names = "--rules", defaultValue = "100000", description = "Generated rules to load (default ${DEFAULT-VALUE}).")
        int rules;

        @Option(names = "--declarations", defaultValue = "100000", description = "Generated declarations to score (default ${DEFAULT-VALUE}).")
        int declarations;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed of the generated rules and declarations (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print only the JSON line.")
        boolean json;

        @Option(names = "--model", description = "A trained model directory (e.g. data/models/<version>) to score with. "
                + "Default: an XGBoost model trained before the run on 40,000 labelled declarations of the benchmark's synthetic world.")
        java.nio.file.Path model;

        @Option(names = "--no-model", description = "Score with a fixed logistic stand-in instead of a model, to measure the rest of the engine alone.")
        boolean noModel;

        @Override
        public Integer call() throws Exception {
            java.util.function.Consumer<String> progress = json ? line -> { } : System.out::println;
            org.smartcustoms.risk.bench.RiskBenchmark.Result r = noModel
                    ? org.smartcustoms.risk.bench.RiskBenchmark.runWithoutModel(rules, declarations, seed)
                    : model == null
                    ? org.smartcustoms.risk.bench.RiskBenchmark.run(rules, declarations, seed, progress, CliEnvironment.get().clock())
                    : org.smartcustoms.risk.bench.RiskBenchmark.run(rules, declarations, seed,
                            org.smartcustoms.risk.model.TrainedFraudModel.load(model));
            if (!json) System.out.println(r.details());
            System.out.println(r.toJson());
            return 0;
        }
    }

    @Command(name = "intake", mixinStandardHelpOptions = true,
            description = {"Bulk-import N generated declarations through the full intake (validation, storage, assessment, risk)",
                    "into the configured database (H2 under --data-dir, or SMARTCUSTOMS_DB_URL) and print declarations/s as JSON."})
    static class Intake implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--declarations", defaultValue = "10000", description = "Generated declarations to import (default ${DEFAULT-VALUE}; the first tenth, at most 500, warm up).")
        int n;

        @Option(names = "--seed", defaultValue = "7", description = "Random seed of the generated declarations (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            List<GeneratedDeclaration> world = new DemoWorldGenerator(LocalDate.now(org.smartcustoms.server.CoreBeans.systemClock()), 365, null).generate(n, seed);
            try (ConfigurableApplicationContext ctx = options.offline()) {
                DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
                String db = ctx.getEnvironment().getProperty("spring.datasource.url", "?").replaceAll("password=[^;&]*", "");
                int warm = Math.min(500, n / 10);
                long t0 = System.nanoTime();
                int i = 0;
                for (GeneratedDeclaration g : world) {
                    if (i++ == warm) t0 = System.nanoTime();
                    intake.submit(g.declaration(), "bench");
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("{\"bench\": \"intake\", \"database\": \"%s\", \"declarations\": %d, \"measured\": %d, \"seconds\": %.2f, \"declarations_per_second\": %.1f}%n",
                        db.startsWith("jdbc:h2") ? "h2" : db.startsWith("jdbc:postgresql") ? "postgresql" : db, n, n - warm, secs, (n - warm) / secs);
            }
            return 0;
        }
    }
}
