package org.smartcustoms.server.tariff;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.tariff.ExchangeRates;
import org.smartcustoms.tariff.PriceNorms;
import org.smartcustoms.tariff.UnitValue;
import org.springframework.stereotype.Service;

/**
 * The server's {@link PriceNorms}: built from every stored item that counts, converted with the tariff's exchange
 * rates at each declaration's date, and kept in memory so that a risk decision gets its norm in microseconds.
 * Every answer is as of a date (a declaration's own date when scoring or re-scoring it), so later declarations
 * never leak into an earlier decision. The snapshot is rebuilt at most every {@link #TTL_MS} ms — by one caller
 * while the others keep reading the previous one — and at once after {@link #invalidate()}.
 */
@Service
public class PriceNormService {
    static final long TTL_MS = 300_000;

    private final PriceNormStore store;
    private final TariffService tariff;
    private final Clock clock;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile Snapshot snapshot;

    private record Snapshot(PriceNorms norms, ExchangeRates rates, long at) { }

    public PriceNormService(PriceNormStore store, TariffService tariff, Clock clock) {
        this.store = store;
        this.tariff = tariff;
        this.clock = clock;
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
    public void invalidate() { snapshot = null; }

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
            try {
                snapshot = s = build();
            } finally {
                rebuilding.set(false);
            }
        }
        return s;
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
