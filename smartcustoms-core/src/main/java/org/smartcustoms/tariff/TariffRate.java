package org.smartcustoms.tariff;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One line of the tariff schedule: a rate for all codes starting with {@code hsPrefix} (empty = every code),
 * valid from {@code validFrom} to {@code validTo} inclusive (null = open). For {@link Kind#PREF} lines
 * {@code agreement} and {@code origins} say which preferential arrangement and which origin countries it
 * covers, and {@code proofRequired} whether a proof of origin must be declared. {@code line} is the source
 * line, kept so an officer can trace an assessed amount back to the file.
 */
public record TariffRate(int line, Kind kind, String hsPrefix, String regime, String agreement, Set<String> origins,
                         RateExpression rate, boolean proofRequired, LocalDate validFrom, LocalDate validTo,
                         String note) {

    /** MFN (erga omnes) duty, preferential duty, consumption tax (VAT) or excise. */
    public enum Kind { MFN, PREF, VAT, EXCISE }

    public TariffRate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(validFrom, "validFrom");
        hsPrefix = hsPrefix == null ? "" : hsPrefix;
        if (!hsPrefix.isEmpty() && !Nomenclature.isDigits(hsPrefix)) throw new IllegalArgumentException("hs_prefix must be digits: " + hsPrefix);
        regime = regime == null || regime.isBlank() ? kind.name() : regime;
        origins = origins == null ? Set.of() : Set.copyOf(origins);
        note = note == null ? "" : note;
        if (kind == Kind.PREF && (agreement == null || agreement.isBlank() || origins.isEmpty())) {
            throw new IllegalArgumentException("a PREF rate needs an agreement and origins");
        }
        if (validTo != null && validTo.isBefore(validFrom)) throw new IllegalArgumentException("valid_to before valid_from");
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
