package org.smartcustoms.server.risk;

import java.util.function.Supplier;

/**
 * Whether the current thread scores declarations in bulk (a batch import, a bulk upload): then evidence that is slow
 * to compute for a value not seen before (the classification of a new goods description: an embedding, tens of
 * milliseconds) is not computed on the scoring thread but left to the background, so that a 100,000-row import runs
 * at intake speed. Single submissions are scored with everything.
 */
public final class ScoringLoad {
    private static final ThreadLocal<Boolean> BULK = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ScoringLoad() { }

    /** Runs {@code work} as bulk scoring on this thread. */
    public static <T> T bulk(Supplier<T> work) {
        Boolean was = BULK.get();
        BULK.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            BULK.set(was);
        }
    }

    /** True while this thread runs {@link #bulk} work. */
    public static boolean isBulk() { return BULK.get(); }
}
