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

        @CommandLine.Option(names = "--server", paramLabel = "URL",
                description = "Ask a running server instead of opening its database (which it holds): e.g. http://localhost:8080."
                        + " Needs SMARTCUSTOMS_TOKEN, an ADMIN or AUDITOR API token.")
        String server;

        @Override
        public Integer call() throws Exception {
            if (server != null) return viaServer();
            try (ConfigurableApplicationContext ctx = options.offline()) {
                AuditVerifier.Result r = ctx.getBean(AuditVerifier.class).verify();
                System.out.println(r.message());
                return r.ok() ? 0 : BROKEN;
            }
        }

        private Integer viaServer() throws Exception {
            String token = CliEnvironment.get().token();
            if (token == null || token.isBlank()) throw new CliFailure("set SMARTCUSTOMS_TOKEN to an ADMIN or AUDITOR API token", null);
            java.net.URI uri;
            try {
                uri = java.net.URI.create(server.replaceAll("/+$", "") + "/api/v1/audit/verify");
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--server must be a URL such as http://localhost:8080", e);
            }
            java.net.http.HttpResponse<String> res;
            try {
                res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new CliFailure("cannot reach " + server + ": " + e.getMessage(), e);
            }
            if (res.statusCode() != 200) {
                throw new CliFailure("the server answered " + res.statusCode() + (res.statusCode() == 401 || res.statusCode() == 403
                        ? " (the token must belong to an ADMIN or AUDITOR)" : ""), null);
            }
            AuditVerifier.Result r = new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(res.body(), AuditVerifier.Result.class);
            System.out.println(r.message());
            return r.ok() ? 0 : BROKEN;
        }
    }
}
