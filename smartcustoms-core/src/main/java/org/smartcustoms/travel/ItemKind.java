package org.smartcustoms.travel;

/** What a traveller carries, as the allowance table counts it. */
public enum ItemKind {
    /** Bottles of alcoholic beverages (quantity = bottles). */
    ALCOHOL,
    /** Cigarettes (quantity = sticks). */
    TOBACCO,
    /** Perfume (quantity = ounces; value = what it cost). */
    PERFUME,
    /** Any other goods acquired abroad (value = what they cost). */
    OTHER
}
