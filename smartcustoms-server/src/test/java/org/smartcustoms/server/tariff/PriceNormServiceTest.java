package org.smartcustoms.server.tariff;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.TestClock;
import org.smartcustoms.tariff.PriceNorms;

import static org.assertj.core.api.Assertions.assertThat;

/** The price norms' periodic rebuild runs beside the callers, who keep the snapshot in force meanwhile. */
class PriceNormServiceTest {
    private final List<PriceNormStore.PricedItem> items = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final PriceNormStore store = sink -> {
        reads.incrementAndGet();
        items.forEach(sink);
    };
    private final TestClock clock = new TestClock();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final TariffService tariff = new TariffService(new TariffStore() {
        @Override public void files(Consumer<TariffFile> sink) { }
        @Override public void insertFile(TariffFileKind kind, String name, String content, Instant at, String actor) { }
    }, clock);
    private final PriceNormService service = new PriceNormService(store, tariff, clock, background::add);

    private void stored(int n) {
        for (int i = 0; i < n; i++) {
            items.add(new PriceNormStore.PricedItem(LocalDate.of(2026, 1, 10), "610910", "BD", new BigDecimal("2.5"),
                    new BigDecimal("10"), new BigDecimal(100 + i), "USD"));
        }
    }

    @Test
    void anOldSnapshotIsRebuiltInTheBackgroundWhileCallersKeepReadingIt() {
        stored(5);
        PriceNorms first = service.norms();
        assertThat(reads).hasValue(1);
        assertThat(first.size()).isPositive();
        assertThat(service.norms()).isSameAs(first);

        stored(5);
        clock.advance(Duration.ofMillis(PriceNormService.TTL_MS + 1_000));
        assertThat(service.norms()).isSameAs(first); // the caller that found it old is not held up
        assertThat(service.norms()).isSameAs(first);
        assertThat(reads).hasValue(1);
        assertThat(background).hasSize(1); // one rebuild at a time

        background.poll().run();
        assertThat(reads).hasValue(2);
        PriceNorms second = service.norms();
        assertThat(second).isNotSameAs(first);
        assertThat(second.size()).isGreaterThan(first.size());
        assertThat(background).isEmpty();
    }

    @Test
    void aRebuildBegunBeforeAnInvalidationIsNotInstalled() {
        stored(5);
        PriceNorms first = service.norms();
        clock.advance(Duration.ofMillis(PriceNormService.TTL_MS + 1_000));
        service.norms();
        Runnable rebuild = background.poll();
        assertThat(rebuild).isNotNull();

        stored(5); // a bulk load; its caller invalidates the norms
        service.invalidate();
        PriceNorms fresh = service.norms(); // built at once by the caller
        assertThat(reads).hasValue(2);
        assertThat(fresh.size()).isGreaterThan(first.size());

        rebuild.run(); // read after the load too, but begun before the invalidation: left out
        assertThat(reads).hasValue(3);
        assertThat(service.norms()).isSameAs(fresh);
    }

    @Test
    void aFailedRebuildKeepsTheSnapshotAndIsTriedAgainLater() {
        stored(5);
        PriceNorms first = service.norms();
        items.add(null); // the store fails while streaming
        clock.advance(Duration.ofMillis(PriceNormService.TTL_MS + 1_000));
        service.norms();
        background.poll().run();
        assertThat(service.norms()).isSameAs(first);
        assertThat(background).hasSize(1); // the next caller after the TTL starts another
    }
}
