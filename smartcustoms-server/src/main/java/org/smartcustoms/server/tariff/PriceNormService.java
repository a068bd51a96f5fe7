package org.smartcustoms.server.tariff;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;
import org.smartcustoms.tariff.UnitValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The server's {@link PriceNorms}: built from every stored item that counts, converted with the tariff's exchange
 * rates at each declaration's date, and kept in memory so that a risk decision gets its norm in microseconds.
 * Every answer is as of a date (a declaration's own date when scoring or re-scoring it), so later declarations
 * never leak into an earlier decision. The snapshot is rebuilt at most every {@link #TTL_MS} ms in the background
 * (a read of every stored item: seconds at a million declarations), while every caller, the one that found it old
 * included, goes on reading the previous one; the first snapshot, and the first after {@link #invalidate()} or an
 * import of new exchange rates, is built by the caller that needs it.
 */
@Service
public class PriceNormService {
    static final long TTL_MS = 300_000;

    private final PriceNormStore store;
    private final TariffService tariff;
    private final Clock clock;
    private static final Logger log = LoggerFactory.getLogger(PriceNormService.class);

    private final Executor rebuilds;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile Snapshot snapshot;
    /** Counts {@link #invalidate()} calls (guarded by this): a rebuild begun before one is not installed after it. */
    private long generation;

    private record Snapshot(PriceNorms norms, ExchangeRates rates, long at) { }

    @Autowired
    public PriceNormService(PriceNormStore store, TariffService tariff, Clock clock) {
        this(store, tariff, clock, task -> Thread.ofVirtual().name("price-norms").start(task));
    }

    /** With the executor that runs the periodic rebuilds (tests run them by hand). */
    PriceNormService(PriceNormStore store, TariffService tariff, Clock clock, Executor rebuilds) {
        this.store = store;
        this.tariff = tariff;
        this.clock = clock;
        this.rebuilds = rebuilds;
    }

    /** The item beside its norm as of its declaration date ({@link PriceNorms#compare}). */
    public Optional<PriceNorms.Comparison> compare(Declaration d, GoodsItem item) {
        Snapshot s = current();
        return s.norms().compare(d, item, s.rates());
    }

    /** The norms in force (read-only: do not add to them). */
    public PriceNorms norms() { return current().norms(); }

    /** The exchange rates the norms were converted with. */
    public ExchangeRates rates() { return current().rates(); }

    /** Forgets the snapshot (after bulk loads, tariff imports, or in tests). */
    public synchronized void invalidate() {
        generation++;
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.rates() != tariff.data().exchangeRates()) { // none yet, or new rates imported
            synchronized (this) {
                s = snapshot;
                if (s == null || s.rates() != tariff.data().exchangeRates()) snapshot = s = build();
            }
            return s;
        }
        if (clock.millis() - s.at() > TTL_MS && rebuilding.compareAndSet(false, true)) {
            long started;
            synchronized (this) { started = generation; }
            try {
                rebuilds.execute(() -> rebuild(started));
            } catch (RejectedExecutionException e) {
                rebuilding.set(false);
            }
        }
        return s;
    }

    /** A periodic rebuild, in the background, asked for at {@code started} invalidations. */
    private void rebuild(long started) {
        try {
            Snapshot built = build();
            synchronized (this) {
                // not after an invalidation, nor over a snapshot of newer exchange rates built meanwhile
                if (started == generation && built.rates() == tariff.data().exchangeRates()) snapshot = built;
            }
        } catch (RuntimeException e) { // the previous snapshot stays in force; the next call after the TTL retries
            log.warn("price norms not rebuilt: {}", e.toString());
        } finally {
            rebuilding.set(false);
        }
    }

    private Snapshot build() {
        ExchangeRates rates = tariff.data().exchangeRates();
        PriceNorms norms = new PriceNorms();
        store.pricedItems(row -> {
            String hs6 = row.commodityCode() == null || row.commodityCode().length() < 6 ? null : row.commodityCode().substring(0, 6);
            UnitValue.all(hs6, row.originCountry(), new Money(row.valueAmount(), row.valueCurrency()), row.netMassKg(),
                    row.quantity(), row.declarationDate(), rates).forEach(norms::add);
        });
        return new Snapshot(norms, rates, clock.millis());
    }
}
