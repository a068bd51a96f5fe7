package org.smartcustoms.risk.watchlist;

import java.util.Locale;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.Threat;

/**
 * One watch-list hit: which entry matched, on which field, how ({@link MatchMethod}, with similarity for
 * fuzzy matches), and against what was declared. {@code role} is set for party hits, {@code itemSequence}
 * for commodity hits (0 otherwise).
 */
public record WatchListHit(String entryId, MatchMethod method, String matchedField, String listedValue,
                           String declaredValue, PartyRole role, int itemSequence, double similarity, Threat threat,
                           String reason, String source) {

    public boolean isPartyHit() {
        return method != MatchMethod.COMMODITY_TARGET;
    }

    /** The hit in words, e.g. for the decision's reasons. */
    public String explain() {
        String why = reason.isEmpty() ? "" : " (" + reason + ")";
        String src = source == null || source.isEmpty() ? "" : " [" + source + "]";
        return switch (method) {
            case EXACT_ID -> "Watch list entry " + entryId + src + ": " + roleWord() + " id " + declaredValue
                    + " is listed" + why;
            case NAME_NORMALIZED -> "Watch list entry " + entryId + src + ": " + roleWord() + " name \"" + declaredValue
                    + "\" equals listed " + matchedField + " \"" + listedValue
                    + "\" after normalising case, punctuation, legal form and transliteration" + why;
            case NAME_FUZZY -> "Watch list entry " + entryId + src + ": " + roleWord() + " name \"" + declaredValue
                    + "\" is similar to listed " + matchedField + " \"" + listedValue + "\" (similarity "
                    + String.format(Locale.ROOT, "%.2f", similarity) + ")" + why;
            case COMMODITY_TARGET -> "Commodity target " + entryId + ": item " + itemSequence + " " + declaredValue
                    + " matches " + listedValue + why;
        };
    }

    private String roleWord() {
        return role == null ? "party" : role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
