package org.smartcustoms.server.declaration;

import java.util.function.Supplier;

/**
 * One declaration's turn in a batch concluded on several threads ({@link DeclarationIntake#submitBatch}): work run
 * through {@link #run} happens after the same work of every earlier declaration of the batch and before that of
 * every later one, exactly as if the batch were concluded on one thread; everything else may overlap. Acceptance
 * steps put here what depends on the declarations concluded before (the model history they read and feed, the
 * random selection's draws). {@link #DIRECT} runs the work at once (one declaration at a time anyway).
 */
public abstract class InOrder {
    /** For a declaration concluded alone: nothing to wait for. */
    public static final InOrder DIRECT = new InOrder() {
        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }
    };

    InOrder() { }

    /** Runs {@code work} in this declaration's turn and returns its result. */
    public abstract <T> T run(Supplier<T> work);
}
