package org.smartcustoms.server.cli;

import java.util.concurrent.Callable;

import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Create a user and print an API token for it (the token is shown only once; it expires after "
                + "smartcustoms.auth.token-ttl, 90 days by default).", "Audited USER_CREATED and TOKEN_ISSUED as cli:<os user>."})
class UserCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--username", required = true, description = "Name to sign in with.")
    String username;

    @Option(names = "--role", required = true, description = "One of: ${COMPLETION-CANDIDATES}")
    Role role;

    @Option(names = "--party", description = "Party id (EORI / importer number); required for TRADER.")
    String party;

    @Option(names = "--password", description = "Password for the web workspace (at least 8 characters). Prefer --password-env.")
    String password;

    @Option(names = "--password-env", description = "Read the password from this environment variable.")
    String passwordEnv;

    @Override
    public Integer call() {
        String pw = passwordEnv != null ? CliEnvironment.get().variable(passwordEnv) : password;
        try (ConfigurableApplicationContext ctx = options.offline()) {
            UserDirectory users = ctx.getBean(UserDirectory.class);
            // both audited (USER_CREATED, TOKEN_ISSUED) as the operating-system user, in the same transaction as the change
            String actor = ModelCommand.cliActor();
            UserAccount u = users.create(username, pw, role, party, actor);
            String token = users.issueToken(u.id(), "cli", null, actor);
            System.out.println("user " + u.username() + " (" + u.role() + ") created with id " + u.id());
            System.out.println("token: " + token + " (id " + UserDirectory.tokenId(token) + ", expires in "
                    + users.tokenTtl().toDays() + " days)");
        }
        return 0;
    }
}
