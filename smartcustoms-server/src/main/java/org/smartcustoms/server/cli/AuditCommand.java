package org.smartcustoms.server.cli;

import java.util.concurrent.Callable;

import org.smartcustoms.server.audit.AuditVerifier;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit trail tools.",
        subcommands = {AuditCommand.Verify.class})
class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exit codes: 0 intact, 3 broken (so scripts and monitoring can alert on it), 1 on errors. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Re-compute the hash chain of the audit trail and report the first broken link.",
                    "Exit code 0 when intact, 3 when an entry was edited, deleted or inserted."})
    static class Verify implements Callable<Integer> {
        static final int BROKEN = 3;

        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                AuditVerifier.Result r = ctx.getBean(AuditVerifier.class).verify();
                System.out.println(r.message());
                return r.ok() ? 0 : BROKEN;
            }
        }
    }
}
