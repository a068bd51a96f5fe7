package org.smartcustoms.server.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationQuery;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the synthetic demo world into an EMPTY database for the quick start: one user per role (random
 * passwords and tokens, printed once and written to {@code <data-dir>/demo-credentials.txt}, never stored in
 * the repository) and N generated declarations submitted through the normal intake, so they are validated,
 * assessed and risk-scored like real ones.
 */
@Component
@ConditionalOnProperty(name = "smartcustoms.demo.enabled", havingValue = "true")
class DemoWorldLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoWorldLoader.class);
    private final DeclarationIntake intake;
    private final UserDirectory users;
    private final int declarations;
    private final Path dataDir;
    private final SecureRandom random = new SecureRandom();

    DemoWorldLoader(DeclarationIntake intake, UserDirectory users,
                    @Value("${smartcustoms.demo.declarations:2000}") int declarations,
                    @Value("${smartcustoms.data-dir}") String dataDir) {
        this.intake = intake;
        this.users = users;
        this.declarations = declarations;
        this.dataDir = Paths.get(dataDir);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (intake.store().count(DeclarationQuery.all()) > 0 || !users.list().isEmpty()) {
            log.info("Demo world not loaded: the database already holds data");
            return;
        }
        // The built-in HS list matches the built-in demo tariff, so every demo declaration is fully assessed.
        DemoWorldGenerator gen = new DemoWorldGenerator(LocalDate.now(), 90, null);
        List<GeneratedDeclaration> world = gen.generate(declarations, 42);
        String traderParty = world.get(0).declaration().declarantId();

        StringBuilder creds = new StringBuilder("# SMART Customs demo users (generated at first start; keep private)\n");
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase();
            String password = secret(12);
            UserAccount u = users.create(name, password, role, role == Role.TRADER ? traderParty : null);
            String token = users.issueToken(u.id(), "demo");
            creds.append(String.format("%-8s password=%s token=%s%s%n", name, password, token,
                    role == Role.TRADER ? " party=" + traderParty : ""));
        }
        int accepted = 0, rejected = 0;
        long t0 = System.nanoTime();
        for (GeneratedDeclaration g : world) {
            try {
                intake.submit(g.declaration(), "demo-loader");
                accepted++;
            } catch (InvalidDeclarationException e) {
                rejected++;
                if (rejected <= 5) log.warn("Demo declaration {} rejected: {}", g.declaration().lrn(), e.getMessage());
            }
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("demo-credentials.txt");
        Files.writeString(file, creds, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("=== SMART Customs demo world: " + accepted + " declarations loaded (" + rejected + " rejected) in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.out.print(creds);
        System.out.println("=== credentials written to " + file.toAbsolutePath());
    }

    private String secret(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
