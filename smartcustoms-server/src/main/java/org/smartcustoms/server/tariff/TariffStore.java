package org.smartcustoms.server.tariff;

import java.time.Instant;
import java.util.function.Consumer;

/** Storage port of the tariff capability: imported tariff files, every version kept. */
public interface TariffStore {
    /** A stored tariff file. */
    record TariffFile(TariffFileKind kind, String name, String content) { }

    /** Every stored file, oldest import first, streamed. */
    void files(Consumer<TariffFile> sink);

    /** Stores an imported file. */
    void insertFile(TariffFileKind kind, String name, String content, Instant at, String actor);
}
