package org.smartcustoms.travel;

import org.smartcustoms.risk.watchlist.MatchMethod;

/** A watch-listed person matched on name (exactly after normalising, or fuzzily), date of birth and nationality. */
public record PersonHit(String entryId, MatchMethod method, double similarity, String listedName, String reason, String source) {
    public String explain() {
        String how = method == MatchMethod.NAME_FUZZY
                ? "name similar (" + String.format(java.util.Locale.ROOT, "%.2f", similarity) + ") to"
                : "name equals";
        return "Watch list entry " + entryId + (source.isEmpty() ? "" : " [" + source + "]") + ": " + how + " listed person \""
                + listedName + "\", same date of birth and nationality" + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
