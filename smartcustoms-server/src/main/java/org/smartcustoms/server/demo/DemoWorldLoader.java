package org.smartcustoms.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.model.FraudModelTrainer;
import org.smartcustoms.risk.model.LabelledItem;
import org.smartcustoms.risk.model.TrainingParams;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationQuery;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.inspection.InspectionRequest;
import org.smartcustoms.server.inspection.InspectionService;
import org.smartcustoms.server.risk.RiskService;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the demo world of "Demo Customs" into an EMPTY database for the quick start, before the server accepts
 * requests (a lifecycle bean that starts before the web server):
 *
 * <ol>
 * <li>one user per role (random passwords and tokens, printed once and written to
 * {@code <data-dir>/demo-credentials.txt}, never stored in the repository);</li>
 * <li>risk rules, a watch-listed importer and a fraud model trained on the year before the demo year (the
 * "legacy" inspection records a customs administration brings along);</li>
 * <li>a year of history, replayed in time order on the {@link DemoClock}: about N generated declarations
 * submitted through the normal intake (validated, assessed, scored and routed) at business hours of their
 * declaration date; the ones selected for control inspected through the {@link InspectionService} by the demo
 * officer after a documentary check (YELLOW, hours) or a physical examination (RED, a day or more), with the
 * outcome the generator's ground truth lets an officer find (irregularities, additional duty, seizures of
 * counterfeits); a few post-release corrections by declarants (post-clearance cases). Controls selected in the
 * last week stay on the officers' worklist.</li>
 * </ol>
 * Every status change, audit entry, notification and inspection result thus carries its simulated time, so the
 * dashboard, the post-clearance ranking and model retraining show a year of figures on first start.
 */
@Component
@ConditionalOnProperty(name = "smartcustoms.demo.enabled", havingValue = "true")
class DemoWorldLoader implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DemoWorldLoader.class);
    private static final String LOADER = "demo-loader";
    private static final String OFFICER = "officer";
    private static final Set<String> COUNTERFEIT_CHAPTERS = Set.of("42", "61", "62", "64", "85", "95");

    private final DeclarationIntake intake;
    private final InspectionService inspections;
    private final UserDirectory users;
    private final RiskService risk;
    private final int declarations;
    private final int modelRounds;
    private final DemoClock clock;
    private final Path dataDir;
    private final SecureRandom secrets = new SecureRandom();
    private volatile boolean running;

    DemoWorldLoader(DeclarationIntake intake, InspectionService inspections, UserDirectory users, RiskService risk,
                    @Value("${smartcustoms.demo.declarations:2000}") int declarations,
                    @Value("${smartcustoms.demo.model-rounds:200}") int modelRounds,
                    @Value("${smartcustoms.data-dir}") String dataDir, DemoClock clock) {
        this.modelRounds = modelRounds;
        this.intake = intake;
        this.inspections = inspections;
        this.users = users;
        this.risk = risk;
        this.declarations = declarations;
        this.clock = clock;
        this.dataDir = Paths.get(dataDir);
    }

    /** Before the web server (which starts in a late phase): nobody sees the replay or its simulated clock. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void start() {
        try {
            load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            clock.stopSimulating();
            running = true;
        }
    }

    /** What the replay did, for the start-up line and tests. */
    record Summary(int submitted, int rejected, int inspected, int irregular, int seizures, int corrections, int pending,
                   long millis) { }

    void load() throws IOException {
        if (intake.store().count(DeclarationQuery.all()) > 0 || !users.list().isEmpty()) {
            log.info("Demo world not loaded: the database already holds data");
            return;
        }
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate yearStart = today.minusDays(365);
        // One world over two years: the first year is the legacy record the first model learns from, the second
        // (ending yesterday) is replayed through the system.
        DemoWorldGenerator gen = new DemoWorldGenerator(today.minusDays(1), 730, null);
        List<GeneratedDeclaration> all = gen.generate(Math.max(200, declarations) * 2, 42);
        List<GeneratedDeclaration> legacy = all.stream().filter(g -> g.declaration().declarationDate().isBefore(yearStart)).toList();
        List<GeneratedDeclaration> year = all.stream().filter(g -> !g.declaration().declarationDate().isBefore(yearStart)).toList();
        String traderParty = year.get(year.size() - 1).declaration().declarantId();

        clock.simulate(yearStart.atStartOfDay(ZoneOffset.UTC).minusHours(1).toInstant(), Duration.ofSeconds(2));
        List<UserAccount> accounts = new ArrayList<>();
        Map<Long, String> passwords = new HashMap<>();
        for (Role role : Role.values()) {
            String password = secret(12);
            UserAccount u = users.create(role.name().toLowerCase(), password, role, role == Role.TRADER ? traderParty : null);
            accounts.add(u);
            passwords.put(u.id(), password);
        }
        setUpRisk(legacy);
        Summary s = replay(year, now);
        clock.stopSimulating();

        StringBuilder creds = new StringBuilder("# SMART Customs demo users (generated at first start; keep private)\n");
        for (UserAccount u : accounts) {
            String password = passwords.get(u.id());
            String token = users.issueToken(u.id(), "demo");
            creds.append(String.format("%-8s password=%s token=%s%s%n", u.username(), password, token,
                    u.role() == Role.TRADER ? " party=" + traderParty : ""));
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("demo-credentials.txt");
        writeOwnerOnly(file, creds);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println();
        System.out.println("=== SMART Customs demo world (Demo Customs, JPY): " + s.submitted() + " declarations over the year to "
                + today.minusDays(1) + " (" + s.rejected() + " rejected), " + s.inspected() + " inspected, " + s.irregular()
                + " irregular, " + s.seizures() + " seizures, " + s.corrections() + " post-release corrections, " + s.pending()
                + " controls pending; loaded in " + ms + " ms");
        System.out.print(creds);
        System.out.println("=== credentials written to " + file.toAbsolutePath());
    }

    /** Replays the year in time order; returns what happened. */
    private Summary replay(List<GeneratedDeclaration> year, Instant now) {
        Random rnd = new Random(2026);
        PriorityQueue<Event> queue = new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
        long seq = 0;
        for (GeneratedDeclaration g : year) {
            // business hours in Japan (UTC+9): 09:00-18:30 local, i.e. 00:00-09:30 UTC on the declaration date
            Instant at = g.declaration().declarationDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(60 * (15 + rnd.nextInt(9 * 60)));
            if (at.isBefore(now)) queue.add(new Event(at, seq++, Kind.SUBMIT, g, null));
        }
        int submitted = 0, rejected = 0, inspected = 0, irregular = 0, seizures = 0, corrections = 0, pending = 0;
        long t0 = System.nanoTime();
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            clock.simulate(e.at(), Duration.ofSeconds(40));
            switch (e.kind()) {
                case SUBMIT -> {
                    StoredDeclaration d;
                    try {
                        d = intake.submit(e.g().declaration(), LOADER).declaration();
                    } catch (InvalidDeclarationException ex) {
                        if (++rejected <= 5) log.warn("Demo declaration {} rejected: {}", e.g().declaration().lrn(), ex.getMessage());
                        continue;
                    }
                    if (++submitted % 500 == 0) {
                        log.info("Demo history: {} declarations replayed ({} ms)", submitted, (System.nanoTime() - t0) / 1_000_000);
                    }
                    if (d.status() == DeclarationStatus.UNDER_CONTROL) {
                        boolean red = d.channel() == Channel.RED;
                        long minutes = red ? 18 * 60 + rnd.nextInt(54 * 60) : 30 + rnd.nextInt(6 * 60);
                        Instant at = e.at().plus(Duration.ofMinutes(minutes));
                        // controls of the last week are still on the officers' worklist
                        if (at.isBefore(now.minus(Duration.ofDays(7)))) queue.add(new Event(at, seq++, Kind.INSPECT, e.g(), d));
                        else pending++;
                    } else if (d.status() == DeclarationStatus.RELEASED && rnd.nextDouble() < 0.015) {
                        Instant at = e.at().plus(Duration.ofDays(10 + rnd.nextInt(80))).plusSeconds(rnd.nextInt(8 * 3600));
                        if (at.isBefore(now)) queue.add(new Event(at, seq++, Kind.CORRECT, e.g(), d));
                    }
                }
                case INSPECT -> {
                    InspectionRequest req = inspection(e.g(), e.d(), rnd);
                    try {
                        inspections.record(e.d().id(), req, OFFICER);
                    } catch (DeclarationStateException | IllegalArgumentException ex) {
                        log.warn("Demo inspection of {} not recorded: {}", e.d().id(), ex.getMessage());
                        continue;
                    }
                    inspected++;
                    if (!"NO_IRREGULARITY".equals(req.outcome())) irregular++;
                    if (req.seizure() != null) seizures++;
                    if ("KEEP_UNDER_CONTROL".equals(req.decision())) pending++;
                }
                case CORRECT -> {
                    try {
                        intake.submit(correction(e.g().declaration(), rnd), LOADER);
                        corrections++;
                    } catch (InvalidDeclarationException | DeclarationStateException ex) {
                        log.warn("Demo post-release correction of {} not accepted: {}", e.d().id(), ex.getMessage());
                    }
                }
            }
        }
        return new Summary(submitted, rejected, inspected, irregular, seizures, corrections, pending, (System.nanoTime() - t0) / 1_000_000);
    }

    private enum Kind { SUBMIT, INSPECT, CORRECT }

    private record Event(Instant at, long seq, Kind kind, GeneratedDeclaration g, StoredDeclaration d) { }

    /**
     * What the officer finds: an injected fraud is detected by most physical examinations (90%) and many documentary
     * checks (70%), with additional duty in proportion to the assessed duty and tax; counterfeit brand goods among
     * serious cases are seized; an honest declaration sometimes has a minor irregularity of documents.
     */
    private static InspectionRequest inspection(GeneratedDeclaration g, StoredDeclaration d, Random rnd) {
        boolean red = d.channel() == Channel.RED;
        String check = red ? "Physical examination at " : "Documentary check at ";
        String office = d.declaration().officeId();
        BigDecimal assessed = d.assessment() != null && d.assessment().total() != null ? d.assessment().total().amount() : BigDecimal.ZERO;
        String fraud = g.fraudType();
        if (fraud != null && rnd.nextDouble() < (red ? 0.9 : 0.7)) {
            GoodsItem main = g.declaration().items().get(0);
            if (g.label().criticalFraud() == 2 && COUNTERFEIT_CHAPTERS.contains(main.hs6().substring(0, 2)) && rnd.nextDouble() < 0.35) {
                BigDecimal qty = main.quantity() != null ? main.quantity().value().multiply(BigDecimal.valueOf(0.2 + 0.5 * rnd.nextDouble()))
                        .setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE) : BigDecimal.ONE;
                String unit = main.quantity() != null ? main.quantity().unit() : null;
                return new InspectionRequest("IPR_INFRINGEMENT", null,
                        new InspectionRequest.Seizure("Counterfeit " + lower(main.description()), qty, unit,
                                "mixed with genuine goods in the same cartons", "Bonded warehouse, " + office),
                        check + office + ": goods bearing counterfeit trade marks; seized, the rest released.", "RELEASE");
            }
            double factor = switch (fraud) {
                case GeneratedDeclaration.UNDERVALUATION -> 1.5 + 4 * rnd.nextDouble();
                case GeneratedDeclaration.MISCLASSIFICATION -> 0.2 + 0.6 * rnd.nextDouble();
                default -> 0.3 + 0.8 * rnd.nextDouble();
            };
            BigDecimal duty = assessed.multiply(BigDecimal.valueOf(factor)).max(BigDecimal.valueOf(3000 + rnd.nextInt(20000)))
                    .setScale(0, RoundingMode.HALF_UP);
            String notes = switch (fraud) {
                case GeneratedDeclaration.UNDERVALUATION -> "invoice value far below the seller's price list; customs value adjusted.";
                case GeneratedDeclaration.MISCLASSIFICATION -> "goods examined do not match the declared subheading; reclassified.";
                default -> "proof of origin does not support the declared origin; preference refused, MFN duty applied.";
            };
            return new InspectionRequest(fraud, new InspectionRequest.Amount(duty, "JPY"), null, check + office + ": " + notes, "RELEASE");
        }
        if (rnd.nextDouble() < 0.03) {
            return new InspectionRequest("OTHER", null, null, check + office + ": packing list incomplete; corrected on the spot.", "RELEASE");
        }
        return new InspectionRequest("NO_IRREGULARITY", null, null, check + office + ": goods and documents as declared.", "RELEASE");
    }

    /** A declarant's voluntary correction after release: the first item's customs value raised by 8-25%. */
    private static Declaration correction(Declaration d, Random rnd) {
        List<GoodsItem> items = new ArrayList<>(d.items());
        GoodsItem i = items.get(0);
        Money cv = i.customsValue();
        Money raised = new Money(cv.amount().multiply(BigDecimal.valueOf(1.08 + 0.17 * rnd.nextDouble())).setScale(0, RoundingMode.HALF_UP),
                cv.currency());
        items.set(0, new GoodsItem(i.sequence(), i.description(), i.commodityCode(), i.originCountry(), i.preferentialOriginCountry(),
                i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), raised, i.valuationMethod(), i.procedureCode(),
                i.additionalProcedures(), i.preferenceCode(), i.previousDocuments(), i.additionalDocuments(), i.packaging(),
                i.additionalInformation()));
        return new Declaration(org.smartcustoms.declaration.FunctionCode.AMENDMENT, d.lrn(), d.type(), d.officeId(), d.declarationDate(), d.parties(),
                d.transport(), d.goodsLocation(), d.invoiceAmount(), d.deliveryTerms(), null, d.additionalDocuments(), items);
    }

    private static String lower(String s) {
        return s == null || s.isEmpty() ? "goods" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Writes the credentials readable and writable by the owner only (rw-------) where the file system has POSIX modes. */
    static void writeOwnerOnly(Path file, CharSequence text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Demo rules, a watch-listed importer and a model trained on the legacy year, so the worklist has work. */
    private void setUpRisk(List<GeneratedDeclaration> legacy) {
        risk.createRule(new RiskService.RuleDraft("Price far below the HS x origin norm",
                "has_norm && norm_deviation < params.max_deviation", Threat.UNDERVALUATION, 45, null,
                Map.of("max_deviation", -0.6), null, null, true), LOADER);
        risk.createRule(new RiskService.RuleDraft("New importer with a high-value consignment",
                "party_age_days < 30 && value > params.min_value", Threat.OTHER, 25, null,
                Map.of("min_value", 5_000_000.0), null, null, true), LOADER);
        risk.createRule(new RiskService.RuleDraft("Importer with a record of irregularities",
                "importer_history_count >= 5 && importer_fraud_rate > params.rate", Threat.OTHER, 35, null,
                Map.of("rate", 0.3), null, null, true), LOADER);
        // the importer with the most irregularities in the legacy year goes on the watch list
        Map<String, Long> frauds = new HashMap<>();
        for (GeneratedDeclaration g : legacy) {
            if (g.label().fraud()) g.declaration().party(PartyRole.IMPORTER).ifPresent(p -> frauds.merge(p.id(), 1L, Long::sum));
        }
        frauds.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> risk.importWatchList(
                RiskService.WatchListKind.PARTIES,
                "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n"
                        + "DEMO-1," + e.getKey() + ",,,\"Most irregularities of all importers in the former system's records of the year before\",demo,,\n",
                LOADER));
        try {
            List<BulkRow> rows = new ArrayList<>();
            long n = 0;
            for (GeneratedDeclaration g : legacy) rows.add(BulkRow.ok(++n, g.declaration(), g.label()));
            log.info("Training the demo model on {} legacy declarations (about a minute)", rows.size());
            var model = FraudModelTrainer.train(LabelledItem.fromRows(rows), TrainingParams.defaults().withRounds(modelRounds),
                    s -> log.info("Demo model: {}", s), clock);
            String version = risk.registry().register(model);
            risk.promote(version);
            log.info("Demo model {} trained on {} legacy declarations and promoted", version, rows.size());
        } catch (IOException | RuntimeException e) {
            log.warn("Demo model not trained: {}", e.getMessage());
        }
    }

    private String secret(int bytes) {
        byte[] b = new byte[bytes];
        secrets.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
