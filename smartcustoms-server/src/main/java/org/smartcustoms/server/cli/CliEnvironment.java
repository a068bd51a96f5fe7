package org.smartcustoms.server.cli;

import java.time.Clock;
import java.util.Map;

import org.smartcustoms.risk.model.TrainingParams;

/**
 * Everything the command line takes from its process rather than from its options, read once when the CLI starts:
 * the SMARTCUSTOMS_* environment variables, the operating-system user (the audit actor of CLI changes), the
 * training-parameter overrides {@code -Dsmartcustoms.ml.<name>} and the clock. The one place in the CLI that reads
 * {@code System.getenv}/{@code System.getProperty} (enforced by ArchitectureTest); commands get their values here.
 */
record CliEnvironment(String dataDir, String sharedDir, String home, String token, String dbUrl, String osUser,
                      TrainingParams trainingParams, Clock clock, Map<String, String> variables) {

    private static volatile CliEnvironment current;

    /** The environment of this process, read on first use. */
    static CliEnvironment get() {
        CliEnvironment e = current;
        if (e == null) {
            synchronized (CliEnvironment.class) {
                if (current == null) current = read();
                e = current;
            }
        }
        return e;
    }

    private static CliEnvironment read() {
        Map<String, String> env = Map.copyOf(System.getenv());
        return new CliEnvironment(env.get("SMARTCUSTOMS_DATA_DIR"), env.get("SMARTCUSTOMS_SHARED_DIR"),
                env.get("SMARTCUSTOMS_HOME"), env.get("SMARTCUSTOMS_TOKEN"), env.get("SMARTCUSTOMS_DB_URL"),
                System.getProperty("user.name"), trainingParamsFromProperties(), Clock.systemUTC(), env);
    }

    /** An environment variable the user named on the command line (e.g. {@code user add --password-env}). */
    String variable(String name) {
        return variables.get(name);
    }

    /** Who a command-line change is audited as: "cli:" and the operating-system user running it. */
    String cliActor() {
        return "cli:" + (osUser == null || osUser.isBlank() ? "unknown" : osUser);
    }

    /** Training defaults, overridable with -Dsmartcustoms.ml.&lt;name&gt; (maxDepth, eta, rounds, ...) for experiments. */
    private static TrainingParams trainingParamsFromProperties() {
        TrainingParams d = TrainingParams.defaults();
        return new TrainingParams(
                Integer.getInteger("smartcustoms.ml.maxDepth", d.maxDepth()),
                dbl("eta", d.eta()), Integer.getInteger("smartcustoms.ml.rounds", d.rounds()),
                dbl("subsample", d.subsample()), dbl("colsample", d.colsample()),
                dbl("minChildWeight", d.minChildWeight()), Integer.getInteger("smartcustoms.ml.nthread", d.nthread()),
                Integer.getInteger("smartcustoms.ml.earlyStopping", d.earlyStopping()),
                Integer.getInteger("smartcustoms.ml.holdoutDays", d.holdoutDays()),
                Integer.getInteger("smartcustoms.ml.labelDelayDays", d.labelDelayDays()),
                Long.getLong("smartcustoms.ml.seed", d.seed()));
    }

    private static double dbl(String name, double def) {
        String v = System.getProperty("smartcustoms.ml." + name);
        return v == null ? def : Double.parseDouble(v);
    }
}
