package org.smartcustoms.risk.watchlist;

/** How a watch-list entry was matched, so an officer can judge the strength of the hit. */
public enum MatchMethod {
    /** The declared party id equals the listed id. */
    EXACT_ID,
    /** Names equal after normalisation (case, punctuation, legal forms, transliteration, word order). */
    NAME_NORMALIZED,
    /** Names similar (Jaro-Winkler on normalised names) at or above the threshold. */
    NAME_FUZZY,
    /** Item HS code, origin and date fall within a commodity target. */
    COMMODITY_TARGET
}
