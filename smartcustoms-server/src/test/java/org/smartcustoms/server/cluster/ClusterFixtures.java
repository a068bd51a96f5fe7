package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the cluster tests share: declarations of a given declarant and LRN, and waiting for the workers. */
final class ClusterFixtures {
    private static final String EXAMPLE = read();

    private ClusterFixtures() { }

    /** The example import declaration (declaration-import.json) with this LRN, declared and imported by {@code party}. */
    static String declaration(String lrn, String party) {
        return EXAMPLE.replace("LRN-TEST-0001", lrn).replace("GB123456789000", party);
    }

    /** A party id (GB EORI form) unique enough for one test run. */
    static String party(int n) {
        return "GB" + String.format("%012d", Math.floorMod(System.nanoTime(), 1_000_000L) * 1_000_000L + n);
    }

    /** Waits until {@code done} holds, failing with {@code what} after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static String read() {
        try (InputStream in = ClusterFixtures.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
