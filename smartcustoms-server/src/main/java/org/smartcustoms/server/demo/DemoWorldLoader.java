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
    private final org.smartcustoms.server.risk.RiskService risk;
    private final int declarations;
    private final java.time.Clock clock;
    private final Path dataDir;
    private final SecureRandom random = new SecureRandom();

    DemoWorldLoader(DeclarationIntake intake, UserDirectory users, org.smartcustoms.server.risk.RiskService risk,
                    @Value("${smartcustoms.demo.declarations:2000}") int declarations,
                    @Value("${smartcustoms.data-dir}") String dataDir, java.time.Clock clock) {
        this.clock = clock;
        this.intake = intake;
        this.users = users;
        this.risk = risk;
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
        // One world: the older part is "history" with known inspection outcomes (the model learns from it),
        // the recent part is submitted live through intake and scored.
        int historySize = Math.max(3000, declarations * 2);
        DemoWorldGenerator gen = new DemoWorldGenerator(LocalDate.now(clock), 365, null);
        List<GeneratedDeclaration> all = new java.util.ArrayList<>(gen.generate(historySize + declarations, 42));
        all.sort(java.util.Comparator.comparing(g -> g.declaration().declarationDate()));
        List<GeneratedDeclaration> history = all.subList(0, historySize);
        List<GeneratedDeclaration> world = all.subList(historySize, all.size());
        String traderParty = world.get(0).declaration().declarantId();
        setUpRisk(history);

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
        writeOwnerOnly(file, creds);
        System.out.println();
        System.out.println("=== SMART Customs demo world: " + accepted + " declarations loaded (" + rejected + " rejected) in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.out.print(creds);
        System.out.println("=== credentials written to " + file.toAbsolutePath());
    }

    /** Writes the credentials readable and writable by the owner only (rw-------) where the file system has POSIX modes. */
    static void writeOwnerOnly(Path file, CharSequence text) throws java.io.IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Demo rules, a watch-listed trader and a model trained on the history, so the worklist has work. */
    private void setUpRisk(List<GeneratedDeclaration> history) {
        var R = org.smartcustoms.risk.Threat.class;
        risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("Price far below the HS x origin norm",
                "has_norm && norm_deviation < params.max_deviation", org.smartcustoms.risk.Threat.UNDERVALUATION, 45, null,
                java.util.Map.of("max_deviation", -0.6), null, null, true), "demo-loader");
        risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("New importer with a high-value consignment",
                "party_age_days < 30 && value > params.min_value", org.smartcustoms.risk.Threat.OTHER, 25, null,
                java.util.Map.of("min_value", 50000.0), null, null, true), "demo-loader");
        risk.createRule(new org.smartcustoms.server.risk.RiskService.RuleDraft("Importer with a record of irregularities",
                "importer_history_count >= 5 && importer_fraud_rate > params.rate", org.smartcustoms.risk.Threat.OTHER, 35, null,
                java.util.Map.of("rate", 0.3), null, null, true), "demo-loader");
        // the importer with the most frauds in the history goes on the watch list
        java.util.Map<String, Long> frauds = new java.util.HashMap<>();
        for (GeneratedDeclaration g : history) {
            if (g.label() != null && g.label().fraud()) {
                g.declaration().party(org.smartcustoms.declaration.PartyRole.IMPORTER)
                        .ifPresent(p -> frauds.merge(p.id(), 1L, Long::sum));
            }
        }
        frauds.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).ifPresent(e -> risk.importWatchList(
                org.smartcustoms.server.risk.RiskService.WatchListKind.PARTIES,
                "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n"
                        + "DEMO-1," + e.getKey() + ",,," + "\"" + e.getValue() + " irregular declarations in the last year\",demo,,\n",
                "demo-loader"));
        try {
            java.util.List<org.smartcustoms.declaration.bulk.BulkRow> rows = new java.util.ArrayList<>();
            long n = 0;
            for (GeneratedDeclaration g : history) rows.add(org.smartcustoms.declaration.bulk.BulkRow.ok(++n, g.declaration(), g.label()));
            log.info("Training the demo model on {} historical declarations (this takes a minute or two)", rows.size());
            var model = org.smartcustoms.risk.model.FraudModelTrainer.train(org.smartcustoms.risk.model.LabelledItem.fromRows(rows),
                    org.smartcustoms.risk.model.TrainingParams.defaults(), s -> log.info("Demo model: {}", s), clock);
            String version = risk.registry().register(model);
            risk.promote(version);
            log.info("Demo model {} trained on {} historical declarations and promoted", version, rows.size());
        } catch (IOException | RuntimeException e) {
            log.warn("Demo model not trained: {}", e.getMessage());
        }
    }

    private String secret(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
