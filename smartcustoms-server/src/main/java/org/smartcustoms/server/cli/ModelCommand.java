package org.smartcustoms.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.risk.model.ModelCommands;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Train, evaluate and manage fraud models.",
        subcommands = {ModelCommand.Train.class, ModelCommand.Evaluate.class, RetrainCommand.class, ModelCommand.ListModels.class,
                ModelCommand.Promote.class, ModelCommand.Rollback.class})
class ModelCommand {

    /**
     * Who a command-line change is audited as: "cli:" and the operating-system user running it. Changes made
     * from the command line (register, promote, rollback, retrain, user) go through the same services as the API
     * and are audited in the same transaction.
     */
    static String cliActor() {
        return CliEnvironment.get().cliActor();
    }

    static ModelRegistry registry(String dataDir) {
        CliEnvironment env = CliEnvironment.get();
        String dir = dataDir != null ? dataDir : env.dataDir() != null ? env.dataDir() : "./data";
        return new ModelRegistry(Paths.get(dir, "models"), "kcs", env.clock());
    }

    static void requireFiles(List<Path> files) {
        for (Path p : files) if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a gradient-boosted model (XGBoost) on labelled files and save it with its dossier.")
    static class Train implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "kcs", description = "Input format (kcs).")
        String format;

        @Option(names = "--train", required = true, description = "Training file (repeatable).")
        List<Path> train;

        @Option(names = "--out", description = "Directory to write the model to.")
        Path out;

        @Option(names = "--register", description = "Also register it in the model registry under --data-dir (not promoted).")
        boolean register;

        @Option(names = "--data-dir", description = "Data directory of the registry (default ./data).")
        String dataDir;

        @Override
        public Integer call() throws Exception {
            requireFiles(train);
            if (out == null && !register) throw new IllegalArgumentException("give --out DIR and/or --register");
            Path dir = out != null ? out : Files.createTempDirectory("model");
            TrainedFraudModel m = ModelCommands.train(train, dir, format, CliEnvironment.get().trainingParams(),
                    CliEnvironment.get().clock(), System.out);
            if (register) {
                // through the server's services so the registration is audited (MODEL_REGISTERED)
                ServerOptions options = new ServerOptions();
                options.dataDir = dataDir;
                String v;
                try (ConfigurableApplicationContext ctx = options.offline()) {
                    v = ctx.getBean(RiskService.class).register(m, cliActor(), "trained from files " + train);
                }
                System.out.println("registered as " + v + " (promote with: bin/smartcustoms model promote " + v + ")");
            }
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Train on the train files, score the held-out test file, print precision@1/5/10%%, recall, AUC.",
                    "The last line is one JSON object."})
    static class Evaluate implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "kcs", description = "Input format (kcs).")
        String format;

        @Option(names = "--train", required = true, description = "Training file (repeatable).")
        List<Path> train;

        @Option(names = "--test", required = true, description = "Held-out test file.")
        Path test;

        @Option(names = "--json", description = "Print only progress and the JSON line (the default output anyway ends with it).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            requireFiles(train);
            requireFiles(List.of(test));
            ModelCommands.evaluate(train, test, format, CliEnvironment.get().trainingParams(),
                    CliEnvironment.get().clock(), System.out);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered model versions.")
    static class ListModels implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory of the registry (default ./data, or SMARTCUSTOMS_DATA_DIR).")
        String dataDir;

        @Override
        public Integer call() throws Exception {
            ModelRegistry r = registry(dataDir);
            String promoted = r.promoted().orElse("");
            for (String v : r.versions()) System.out.println((v.equals(promoted) ? "* " : "  ") + v);
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Promote a version (a running server picks it up at restart or via the API). Audited MODEL_PROMOTED.")
    static class Promote implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @picocli.CommandLine.Parameters(paramLabel = "VERSION", description = "The version to promote, as 'model list' shows it.")
        String version;

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                ctx.getBean(RiskService.class).promote(version, cliActor());
            }
            System.out.println("promoted " + version);
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Return to the previously promoted version. Audited MODEL_ROLLED_BACK.")
    static class Rollback implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                System.out.println("promoted " + ctx.getBean(RiskService.class).rollback(cliActor()));
            }
            return 0;
        }
    }
}
