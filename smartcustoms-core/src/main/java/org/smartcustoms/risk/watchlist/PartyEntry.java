package org.smartcustoms.risk.watchlist;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A listed trader: matched exactly on {@code partyId} when the declaration carries one, and fuzzily on
 * {@code name} and {@code aliases}. {@code source} says who listed it (sanctions list, intelligence unit...).
 */
public record PartyEntry(String entryId, String partyId, String name, List<String> aliases, String reason,
                         String source, LocalDate validFrom, LocalDate validTo) {
    public PartyEntry {
        Objects.requireNonNull(entryId, "entryId");
        partyId = partyId == null || partyId.isBlank() ? null : partyId.trim();
        name = name == null || name.isBlank() ? null : name.trim();
        aliases = aliases == null ? List.of() : aliases.stream().filter(a -> a != null && !a.isBlank())
                .map(String::trim).toList();
        if (partyId == null && name == null && aliases.isEmpty()) {
            throw new IllegalArgumentException("entry " + entryId + " needs a party id, a name or an alias");
        }
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("entry " + entryId + ": valid_to before valid_from");
        }
        reason = reason == null ? "" : reason;
        source = source == null ? "" : source;
    }

    boolean validOn(LocalDate d) {
        return d == null || ((validFrom == null || !d.isBefore(validFrom)) && (validTo == null || !d.isAfter(validTo)));
    }
}
