package org.smartcustoms.risk.watchlist;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.smartcustoms.risk.Threat;

/**
 * A targeted commodity: items whose HS code starts with {@code hsPrefix}, from {@code origin} (null = any
 * origin), declared within the period. Typical use: a temporary campaign on a product/origin pair.
 */
public record CommodityTarget(String entryId, String hsPrefix, String origin, LocalDate validFrom, LocalDate validTo,
                              Threat threat, String reason) {
    public CommodityTarget {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(hsPrefix, "hsPrefix");
        hsPrefix = hsPrefix.replaceAll("[\\s.]", "");
        if (hsPrefix.isEmpty() || hsPrefix.length() > 10 || !hsPrefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("entry " + entryId + ": hs prefix must be 1-10 digits: " + hsPrefix);
        }
        origin = origin == null || origin.isBlank() ? null : origin.trim().toUpperCase(Locale.ROOT);
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("entry " + entryId + ": valid_to before valid_from");
        }
        threat = threat == null ? Threat.PROHIBITED : threat;
        reason = reason == null ? "" : reason;
    }

    boolean validOn(LocalDate d) {
        return d == null || ((validFrom == null || !d.isBefore(validFrom)) && (validTo == null || !d.isAfter(validTo)));
    }
}
