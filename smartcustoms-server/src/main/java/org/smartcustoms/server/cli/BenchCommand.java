package org.smartcustoms.server.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.BatchRow;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.RowResult;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures (never part of the tests).",
        subcommands = {BenchCommand.Intake.class, HttpBenchCommand.class, BenchCommand.Risk.class, ManifestBenchCommand.class,
                org.smartcustoms.server.travel.TravelBenchCommand.class, org.smartcustoms.server.enforcement.EnforcementBenchCommand.class,
                org.smartcustoms.server.statistics.StatisticsBenchCommand.class, ClusterBenchCommand.class})
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
            description = {"Bulk-import N generated declarations through the batched intake with the full pipeline (validation,",
                    "tariff assessment, risk rules + model + watch lists, storage, audit chain) into a fresh database: --db h2",
                    "(a new H2 file under a temporary directory) or --db postgres (a new schema in the PostgreSQL database of",
                    "--db-url or SMARTCUSTOMS_DB_URL, dropped afterwards unless --keep). The same declarations are also written",
                    "raw into a bare table (COPY on PostgreSQL, a JDBC batch insert on H2) as the physical limit.",
                    "Last line: {\"declarations\": N, \"declarations_per_second\": x, \"copy_rows_per_second\": y, \"ratio_to_copy\": r, \"db\": \"...\"}"})
    static class Intake implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--declarations", defaultValue = "100000", description = "Generated declarations to import, measured (default ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--warm-up", defaultValue = "5000", description = "Declarations imported first, not measured (default ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres (default ${DEFAULT-VALUE}).")
        String db;

        @Option(names = "--db-url", description = "PostgreSQL JDBC URL (default: SMARTCUSTOMS_DB_URL; user SMARTCUSTOMS_DB_USER, password SMARTCUSTOMS_DB_PASSWORD).")
        String dbUrl;

        @Option(names = "--batch-size", defaultValue = "1000", description = "Declarations per transaction (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--chunk", defaultValue = "50000", description = "Declarations generated at a time, outside the measured time (default ${DEFAULT-VALUE}).")
        int chunk;

        @Option(names = "--seed", defaultValue = "7", description = "Random seed of the generated declarations (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--train", defaultValue = "20000", description = "Labelled declarations the model is trained on before the run; 0: no model (default ${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--no-copy", description = "PostgreSQL: write with JDBC batches instead of COPY.")
        boolean noCopy;

        @Option(names = "--no-verify", description = "Skip verifying the audit chain after the run.")
        boolean noVerify;

        @Option(names = "--keep", description = "Keep the PostgreSQL schema (and the H2 directory) after the run.")
        boolean keep;

        @Option(names = "--json", description = "Print only the JSON line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (n < 1 || warmUp < 0 || batchSize < 1 || chunk < 1) throw new IllegalArgumentException("--declarations, --batch-size and --chunk must be positive");
            CliEnvironment env = CliEnvironment.get();
            java.util.function.Consumer<String> say = json ? line -> { } : System.out::println;
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("smartcustoms-bench-intake");
            List<String> extra = new java.util.ArrayList<>(List.of("--smartcustoms.data-dir=" + dir,
                    "--smartcustoms.intake.batch-size=" + batchSize, "--smartcustoms.intake.copy=" + !noCopy));
            String schema = null;
            String kind = db.toLowerCase(java.util.Locale.ROOT);
            switch (kind) {
                case "h2" -> extra.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
                case "postgres", "postgresql" -> {
                    kind = "postgres";
                    String url = dbUrl != null ? dbUrl : env.dbUrl();
                    if (url == null || !url.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("--db postgres needs a PostgreSQL JDBC URL in --db-url or SMARTCUSTOMS_DB_URL");
                    }
                    schema = "bench_intake_" + Long.toString(env.clock().millis(), 36);
                    extra.add("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
                    extra.add("--spring.flyway.schemas=" + schema);
                    extra.add("--spring.flyway.default-schema=" + schema);
                }
                default -> throw new IllegalArgumentException("--db must be h2 or postgres");
            }
            LocalDate today = LocalDate.now(env.clock());
            DemoWorldGenerator generator = new DemoWorldGenerator(today, 365, null);
            String figures;
            try (ConfigurableApplicationContext ctx = options.offline(extra.toArray(String[]::new))) {
                DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
                org.smartcustoms.server.risk.RiskService risk = ctx.getBean(org.smartcustoms.server.risk.RiskService.class);
                org.smartcustoms.server.declaration.JdbcCopyBaselineStore baseline = ctx.getBean(org.smartcustoms.server.declaration.JdbcCopyBaselineStore.class);
                String model = setUpRisk(risk, generator, env, say);
                Actor actor = Actor.system("bench");
                baseline.create();
                var it = generator.stream(n + warmUp, seed).iterator();
                long intakeNanos = 0, copyNanos = 0, copied = 0, intakeCpuNanos = 0;
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long accepted = 0, duplicates = 0, rejected = 0;
                long row = 0;
                int done = -warmUp;
                while (it.hasNext()) {
                    int size = done < 0 ? Math.min(-done, chunk) : Math.min(chunk, n - done);
                    List<Declaration> part = new java.util.ArrayList<>(size);
                    List<BatchRow> rows = new java.util.ArrayList<>(size);
                    for (int i = 0; i < size && it.hasNext(); i++) {
                        Declaration d = it.next().declaration();
                        part.add(d);
                        rows.add(new BatchRow(++row, d));
                    }
                    boolean measured = done >= 0;
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    List<RowResult> results = intake.submitBatch(rows, actor); // commits every --batch-size
                    if (measured) {
                        for (RowResult r : results) {
                            switch (r.outcome()) {
                                case ACCEPTED -> accepted++;
                                case DUPLICATE -> duplicates++;
                                case REJECTED -> rejected++;
                            }
                        }
                    }
                    long t1 = System.nanoTime();
                    long cpu1 = os.getProcessCpuTime();
                    long c = 0;
                    for (int from = 0; from < part.size(); from += batchSize) {
                        c += baseline.copy(part.subList(from, Math.min(part.size(), from + batchSize)), "B" + row + "-" + from + "-", env.clock().instant());
                    }
                    long t2 = System.nanoTime();
                    if (measured) {
                        intakeNanos += t1 - t0;
                        intakeCpuNanos += cpu1 - cpu0;
                        copyNanos += t2 - t1;
                        copied += c;
                    }
                    done += rows.size();
                    if (measured) {
                        say.accept(String.format("%,d / %,d declarations: %.0f/s intake, %.0f rows/s copy", done, n,
                                (accepted + duplicates + rejected) / (intakeNanos / 1e9), copied / (copyNanos / 1e9)));
                    }
                }
                if (!keep) baseline.drop();
                double dps = (accepted + duplicates + rejected) / (intakeNanos / 1e9);
                double cps = copied / (copyNanos / 1e9);
                say.accept(String.format("measured %,d declarations (after %,d warm-up): accepted %,d, already present %,d, rejected %,d; model %s; batch %d; %s",
                        n, warmUp, accepted, duplicates, rejected, model == null ? "none" : model, batchSize,
                        kind.equals("postgres") ? (noCopy ? "JDBC batches" : "COPY") + ", schema " + schema : "H2 " + dir));
                if (!noVerify) {
                    long v0 = System.nanoTime();
                    say.accept(ctx.getBean(org.smartcustoms.server.audit.AuditVerifier.class).verify().message()
                            + String.format(" (%.1f s)", (System.nanoTime() - v0) / 1e9));
                }
                figures = String.format(java.util.Locale.ROOT, "{\"declarations\": %d, \"declarations_per_second\": %.1f, \"copy_rows_per_second\": %.1f, "
                        + "\"ratio_to_copy\": %.3f, \"jvm_cpu_ms_per_declaration\": %.4f, \"jvm_cores_busy\": %.2f, \"db\": \"%s\"}",
                        n, dps, cps, dps / cps, intakeCpuNanos / 1e6 / n, (double) intakeCpuNanos / intakeNanos, kind);
            } finally {
                if (!keep && schema != null) dropSchema(schema, extra);
                if (!keep) deleteTree(dir);
            }
            System.out.println(figures); // the last line, after the clean-up's own output
            return 0;
        }

        /** Rules and a watch list like the demo's, and (unless --train 0) a model trained on other generated declarations. */
        private String setUpRisk(org.smartcustoms.server.risk.RiskService risk, DemoWorldGenerator generator, CliEnvironment env,
                                 java.util.function.Consumer<String> say) throws java.io.IOException {
            String who = "bench";
            risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("Price far below the HS x origin norm",
                    "has_norm && norm_deviation < params.max_deviation", org.smartcustoms.risk.Threat.UNDERVALUATION, 45, null,
                    java.util.Map.of("max_deviation", -0.6), null, null, true), who);
            risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("New importer with a high-value consignment",
                    "party_age_days < 30 && value > params.min_value", org.smartcustoms.risk.Threat.OTHER, 25, null,
                    java.util.Map.of("min_value", 5_000_000.0), null, null, true), who);
            risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("Importer with a record of irregularities",
                    "importer_history_count >= 5 && importer_fraud_rate > params.rate", org.smartcustoms.risk.Threat.OTHER, 35, null,
                    java.util.Map.of("rate", 0.3), null, null, true), who);
            List<GeneratedDeclaration> legacy = train > 0 ? generator.generate(train, seed + 1) : List.of();
            java.util.Map<String, Long> frauds = new java.util.HashMap<>();
            for (GeneratedDeclaration g : legacy) {
                if (g.label().fraud()) g.declaration().party(org.smartcustoms.declaration.PartyRole.IMPORTER).ifPresent(p -> frauds.merge(p.id(), 1L, Long::sum));
            }
            String watched = frauds.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("BENCH-NOBODY");
            risk.importWatchList(org.smartcustoms.server.risk.RiskService.WatchListKind.PARTIES,
                    "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\nBENCH-1," + watched + ",,,\"benchmark\",bench,,\n", who);
            if (train <= 0) return null;
            say.accept("training the model on " + train + " generated declarations (not measured)");
            List<org.smartcustoms.declaration.bulk.BulkRow> rows = new java.util.ArrayList<>();
            long i = 0;
            for (GeneratedDeclaration g : legacy) rows.add(org.smartcustoms.declaration.bulk.BulkRow.ok(++i, g.declaration(), g.label()));
            var model = org.smartcustoms.risk.model.FraudModelTrainer.train(org.smartcustoms.risk.model.LabelledItem.fromRows(rows),
                    env.trainingParams().withRounds(100), s -> { }, env.clock());
            String version = risk.registry().register(model);
            risk.promote(version);
            return version;
        }

        /**
         * Drops the run's schema from a second, short context on an empty data directory: without the run's promoted
         * model it does not read the model's history back from the schema (1,000,000 declarations did not fit the heap).
         */
        private void dropSchema(String schema, List<String> extra) {
            java.nio.file.Path empty = null;
            try {
                empty = java.nio.file.Files.createTempDirectory("smartcustoms-bench-drop");
                List<String> args = new java.util.ArrayList<>();
                for (String a : extra) if (!a.startsWith("--smartcustoms.data-dir=")) args.add(a);
                args.add("--smartcustoms.data-dir=" + empty);
                args.add("--spring.flyway.enabled=false");
                try (ConfigurableApplicationContext ctx = options.offline(args.toArray(String[]::new))) {
                    ctx.getBean(org.smartcustoms.server.declaration.JdbcCopyBaselineStore.class).dropSchema(schema);
                }
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println("could not drop schema " + schema + ": " + e.getMessage());
            } finally {
                if (empty != null) deleteTree(empty);
            }
        }

        private static void deleteTree(java.nio.file.Path dir) {
            try (var paths = java.nio.file.Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temporary directory: the OS cleans it up
            }
        }
    }
}
