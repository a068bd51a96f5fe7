package org.smartcustoms.server.cli;

import java.util.concurrent.Callable;

import org.smartcustoms.server.inspection.ModelRetraining;
import org.smartcustoms.server.inspection.WorkspaceConflictException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code model retrain}: a new model version from the inspection results in the database, registered under
 * {@code <data-dir>/models} but not promoted. Meant to be mounted under the {@code model} command group.
 * Exit codes: 0 registered, 2 refused (too few results or one class only), 1 on errors.
 */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = {"Train a new fraud-model version from recorded inspection results and register it (not promoted).",
                "Refused when fewer than --min-results declarations have results or all have the same outcome."})
public class RetrainCommand implements Callable<Integer> {
    static final int REFUSED = 2;

    @Mixin
    ServerOptions options;

    @Option(names = "--min-results", description = "Fewest inspected declarations to train on (default: smartcustoms.retrain.min-results, 50).")
    Integer minResults;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = options.offline()) {
            ModelRetraining retraining = ctx.getBean(ModelRetraining.class);
            try {
                ModelRetraining.Outcome o = retraining.retrain(minResults, ModelCommand.cliActor(), System.err::println);
                System.out.println("registered model " + o.version() + " (not promoted): " + o.declarations()
                        + " inspected declarations, " + o.irregular() + " irregular, " + o.items() + " items");
                if (o.dossier().metrics().evaluation().isPresent()) System.out.println("hold-out metrics: " + o.dossier().metrics());
                return 0;
            } catch (WorkspaceConflictException refused) {
                System.err.println("refused: " + refused.getMessage());
                return REFUSED;
            }
        }
    }
}
