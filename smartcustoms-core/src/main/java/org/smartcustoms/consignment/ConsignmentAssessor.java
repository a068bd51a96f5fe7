package org.smartcustoms.consignment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.smartcustoms.declaration.Money;
import org.smartcustoms.tariff.Assessor;
import org.smartcustoms.tariff.DeMinimis;
import org.smartcustoms.tariff.EstimateRequest;
import org.smartcustoms.tariff.ItemAssessment;
import org.smartcustoms.tariff.TariffData;

/**
 * Duty and taxes of low-value consignments from the tariff in force, with the tariff's de minimis relief
 * ({@link DeMinimis}, lines of kind {@code DE_MINIMIS} in the rate file): the consignment is assessed like a
 * one-line estimate (value taken as the customs value, no preference claimed, pieces as NAR/NPR and gross mass as
 * KGM for specific duties); then, if its customs value is at most the duty threshold for its code, duty is not collected,
 * and the VAT base loses the duty; if it is at most the VAT threshold, VAT is not collected. Excise stays due.
 * Thread-safe; one instance per tariff.
 */
public final class ConsignmentAssessor {
    private final TariffData tariff;
    private final Assessor assessor;

    public ConsignmentAssessor(TariffData tariff) {
        this.tariff = Objects.requireNonNull(tariff, "tariff");
        this.assessor = tariff.assessor();
    }

    /** The tariff this assessor uses. */
    public TariffData tariff() { return tariff; }

    /**
     * Assesses one consignment on the date.
     *
     * @throws IllegalArgumentException (or a tariff exception: unknown code, missing exchange rate) when it cannot be assessed
     */
    public ConsignmentAssessment assess(LowValueConsignment c, LocalDate date) {
        EstimateRequest r = new EstimateRequest(c.hs6(), c.origin(), c.value(), c.currency(), null, null,
                date, null, false, "CIF", null, null);
        // pieces count as articles and as pairs (footwear); the gross mass stands in for the net mass
        java.util.Map<String, BigDecimal> quantities = new java.util.HashMap<>();
        quantities.put("NAR", c.quantity());
        quantities.put("NPR", c.quantity());
        if (c.grossMassKg() != null) quantities.put("KGM", c.grossMassKg());
        ItemAssessment a = assessor.estimate(r, quantities);
        String nat = a.customsValue().currency();
        BigDecimal cv = a.customsValue().amount();
        BigDecimal duty = a.duty().amount().amount();
        BigDecimal excise = a.excise().amount().amount();
        BigDecimal vat = a.vat().amount().amount();
        Optional<DeMinimis> dutyLine = tariff.schedule().deMinimis(DeMinimis.Charge.DUTY, c.hs6(), date);
        Optional<DeMinimis> vatLine = tariff.schedule().deMinimis(DeMinimis.Charge.VAT, c.hs6(), date);
        boolean dutyRelieved = dutyLine.isPresent() && covers(dutyLine.get(), cv, nat, date) && duty.signum() > 0;
        boolean vatRelieved = vatLine.isPresent() && covers(vatLine.get(), cv, nat, date) && vat.signum() > 0;
        if (dutyRelieved) {
            BigDecimal base = a.vat().base() == null ? BigDecimal.ZERO : a.vat().base().amount();
            if (base.signum() > 0 && vat.signum() > 0) {
                // the VAT base was customs value + duty + excise: take the duty out of it
                vat = vat.multiply(base.subtract(duty)).divide(base, 2, RoundingMode.HALF_UP);
            }
            duty = BigDecimal.ZERO;
        }
        if (vatRelieved) vat = BigDecimal.ZERO;
        Money threshold = dutyLine.map(d -> new Money(national(d.threshold(), nat, date), nat)).orElse(null);
        return new ConsignmentAssessment(money(cv, nat), money(duty, nat), money(excise, nat), money(vat, nat),
                money(duty.add(excise).add(vat), nat), dutyRelieved, vatRelieved, threshold);
    }

    /**
     * The duty de minimis threshold in national currency for goods of the code on the date, if the tariff has one
     * (used by the splitting check: several consignments each under it whose sum exceeds it).
     */
    public Optional<BigDecimal> dutyThreshold(String hs6, LocalDate date) {
        String nat = tariff.exchangeRates().nationalCurrency();
        return tariff.schedule().deMinimis(DeMinimis.Charge.DUTY, hs6, date).map(d -> national(d.threshold(), nat, date));
    }

    private boolean covers(DeMinimis line, BigDecimal cv, String nat, LocalDate date) {
        return cv.compareTo(national(line.threshold(), nat, date)) <= 0;
    }

    private BigDecimal national(Money m, String nat, LocalDate date) {
        if (m.currency().equals(nat)) return m.amount();
        return m.amount().multiply(tariff.exchangeRates().rate(m.currency(), date)).setScale(2, RoundingMode.HALF_UP);
    }

    private static Money money(BigDecimal x, String currency) {
        return new Money(x.setScale(2, RoundingMode.HALF_UP), currency);
    }
}
