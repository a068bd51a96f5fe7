package org.smartcustoms.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.inspection.InspectionRequest;
import org.smartcustoms.server.inspection.InspectionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Property test of the lifecycle gate: threads drive random concurrent sequences of submit / amend / cancel
 * (declarant's message, officer's cancel) / correction authorisation / inspection result / override / release /
 * clearance on a few declarations (some sent to control by a watch-listed importer, so risk routing takes part);
 * afterwards every stored history must follow the transition table, versions must be contiguous, and no operation
 * may fail other than by a refusal (state conflict, not found, invalid input). Subclasses run it on H2 and PostgreSQL.
 */
@ApiTest
abstract class AbstractLifecyclePropertyTest extends ApiTestSupport {
    private static final int THREADS = 6;
    private static final int OPS_PER_THREAD = 30;
    private static final String PARTY = "GB123456789000";

    @Autowired
    InspectionService inspections;

    private final DeclarationJson reader = new DeclarationJson();

    @Test
    void randomConcurrentSequencesFollowTheTransitionTable() throws Exception {
        ApiClient api = new ApiClient(port);
        String watched = "GB" + (100000000000L + (long) (Math.random() * 899999999999L));
        ApiClient.Response w = api.post("/api/v1/watchlists/parties", AbstractLifecycleIntegrityTest.ADMIN, "application/json",
                "{\"entryId\": \"W-" + watched + "\", \"partyId\": \"" + watched + "\", \"name\": \"Watched Ltd\", \"reason\": \"test\"}");
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        List<String> lrns = new ArrayList<>();
        for (int i = 0; i < 5; i++) lrns.add("PROP-" + UUID.randomUUID().toString().substring(0, 12));
        long seed = Long.getLong("lifecycle.seed", System.nanoTime());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        int k = random.nextInt(lrns.size());
                        String lrn = lrns.get(k);
                        String importer = k % 2 == 0 ? watched : PARTY;
                        int op = random.nextInt(10);
                        try {
                            step(op, lrn, importer, random);
                        } catch (DeclarationStateException | DeclarationNotFoundException | IllegalArgumentException
                                 | InvalidDeclarationException refused) {
                            // a refusal is a correct answer to a request that does not fit the declaration's state
                        } catch (RuntimeException e) {
                            unexpected.add("op " + op + " on " + lrn + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).as("seed " + seed).isEmpty();
        int checked = 0;
        for (String lrn : lrns) {
            var id = intake.store().findIdByLrn(PARTY, lrn);
            if (id.isEmpty()) continue;
            StoredDeclaration s = intake.store().find(id.get()).orElseThrow();
            LifecycleChecks.assertValidHistory(s);
            assertThat(intake.store().versions(s.id())).as("versions of " + s.id()).hasSize(s.version());
            boolean cancelled = s.history().stream().anyMatch(h -> h.status() == DeclarationStatus.CANCELLED);
            boolean released = s.history().stream().anyMatch(h -> h.status() == DeclarationStatus.RELEASED);
            assertThat(cancelled && released).as("released and cancelled: " + s.history()).isFalse();
            checked++;
        }
        assertThat(checked).as("seed " + seed).isPositive();
    }

    private void step(int op, String lrn, String importer, Random random) {
        Actor declarant = Actor.declarant("prop-trader", PARTY);
        Actor officer = Actor.officer("prop-officer");
        switch (op) {
            case 0, 1 -> intake.submit(reader.read(body(lrn, importer, "9", null, random)), declarant);
            case 2 -> intake.submit(reader.read(body("A-" + UUID.randomUUID().toString().substring(0, 8), importer, "13", lrn, random)), declarant);
            case 3 -> intake.submit(reader.read(body("C-" + UUID.randomUUID().toString().substring(0, 8), importer, "1", lrn, random)), declarant);
            case 4 -> intake.cancel(id(lrn), "officer cancels", officer);
            case 5 -> intake.authoriseCorrection(id(lrn), "value to correct", officer);
            case 6 -> inspections.record(id(lrn), new InspectionRequest(random.nextBoolean() ? "NO_IRREGULARITY" : "UNDERVALUATION",
                    null, null, "prop", random.nextBoolean() ? "RELEASE" : "KEEP_UNDER_CONTROL"), "prop-officer");
            case 7 -> inspections.override(id(lrn), List.of("GREEN", "YELLOW", "RED").get(random.nextInt(3)), "prop override", "prop-officer");
            case 8 -> intake.transition(id(lrn), DeclarationStatus.RELEASED, "released by officer", "prop-officer");
            default -> intake.transition(id(lrn), DeclarationStatus.CLEARED, "cleared", "prop-officer");
        }
    }

    private String id(String lrn) {
        return intake.store().findIdByLrn(PARTY, lrn).orElseThrow(() -> new DeclarationNotFoundException(lrn));
    }

    private static String body(String lrn, String importer, String function, String reference, Random random) {
        String b = AbstractLifecycleIntegrityTest.body(lrn, PARTY)
                .replace("{\"role\": \"IMPORTER\", \"id\": \"" + PARTY + "\"", "{\"role\": \"IMPORTER\", \"id\": \"" + importer + "\"")
                .replace("\"netMassKg\": 800.5", "\"netMassKg\": " + (700 + random.nextInt(200)));
        if (reference != null) b = b.replace("\"functionCode\": \"9\"", "\"functionCode\": \"" + function + "\", \"referencedId\": \"" + reference + "\"");
        return b;
    }
}
