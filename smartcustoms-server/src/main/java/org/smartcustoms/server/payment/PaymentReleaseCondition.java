package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.util.Optional;

import org.smartcustoms.server.declaration.ReleaseCondition;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.stereotype.Component;

/**
 * Release conditional on payment or guarantee ({@link PaymentSettings}): a declaration whose complete assessment
 * has duty and taxes due waits until what was paid through its payment orders plus the guarantees registered for it
 * cover the assessed total. Checked by the lifecycle gate before every release.
 */
@Component
class PaymentReleaseCondition implements ReleaseCondition {
    private final PaymentSettings settings;
    private final OrderPaymentStore store;

    PaymentReleaseCondition(PaymentSettings settings, OrderPaymentStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** The duty and taxes due before release (zero when nothing is assessed or the rule is off). */
    static BigDecimal due(StoredDeclaration s) {
        TariffAssessment a = s.assessment();
        if (a == null || !a.complete() || a.total() == null || a.total().amount().signum() <= 0) return BigDecimal.ZERO;
        return a.total().amount();
    }

    BigDecimal paid(StoredDeclaration s, String currency) {
        return store.charges(s.id()).stream().filter(c -> c.status().equals("PAID") && c.currency().equals(currency))
                .map(c -> c.amount().subtract(c.refunded())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal guaranteed(StoredDeclaration s, String currency) {
        return store.guarantees(s.id()).stream().filter(g -> g.currency().equals(currency)).map(OrderPaymentStore.Guarantee::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public Optional<String> unmet(StoredDeclaration s) {
        if (!settings.releaseRequiresPayment()) return Optional.empty();
        BigDecimal due = due(s);
        if (due.signum() <= 0) return Optional.empty();
        String currency = s.assessment().currency();
        BigDecimal paid = paid(s, currency);
        BigDecimal guaranteed = guaranteed(s, currency);
        if (paid.add(guaranteed).compareTo(due) >= 0) return Optional.empty();
        return Optional.of("duty and taxes of " + due.toPlainString() + " " + currency + " must be paid (use Pay on the declaration) "
                + "or covered by a guarantee registered with customs; paid so far " + paid.toPlainString() + " " + currency
                + (guaranteed.signum() > 0 ? ", guaranteed " + guaranteed.toPlainString() + " " + currency : ""));
    }
}
