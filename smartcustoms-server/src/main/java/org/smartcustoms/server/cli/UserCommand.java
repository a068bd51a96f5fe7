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
        description = "Create a user and print an API token for it (the token is shown only once).")
class UserCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--username", required = true)
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
        String pw = passwordEnv != null ? System.getenv(passwordEnv) : password;
        try (ConfigurableApplicationContext ctx = options.offline()) {
            UserDirectory users = ctx.getBean(UserDirectory.class);
            UserAccount u = users.create(username, pw, role, party);
            System.out.println("user " + u.username() + " (" + u.role() + ") created with id " + u.id());
            System.out.println("token: " + users.issueToken(u.id(), "cli"));
        }
        return 0;
    }
}
