package org.smartcustoms.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/smartcustoms}: one executable for the server and the batch jobs
 * (import, generate, tariff, model, bench, audit). Sub-commands that need the database start a
 * Spring context without the web server.
 */
@Command(name = "smartcustoms", mixinStandardHelpOptions = true, versionProvider = SmartCustomsCli.Version.class,
        description = "Customs clearance and risk management.",
        subcommands = {ServeCommand.class, ImportCommand.class, GenerateCommand.class, TariffCommand.class, BenchCommand.class, ModelCommand.class, AuditCommand.class,
                UserCommand.class, ClassifyCommand.class, AssistantCommand.class, StatisticsCommand.class, CommandLine.HelpCommand.class})
public final class SmartCustomsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0 || !ServeCommand.serving) System.exit(code);
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SmartCustomsCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    /** "SMART Customs 0.1.0-SNAPSHOT": the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SMART Customs " + org.smartcustoms.server.BuildVersion.current()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
