package org.smartcustoms.enforcement;

import java.util.Locale;

/**
 * The commodity of a seizure in the WCO CEN categories: drugs by type, precursors, tobacco, alcohol, weapons,
 * IPR, CITES species, cash and the rest. {@link #infer} places a free-text goods description (as an officer
 * writes it on an inspection result) in a category by its key words.
 */
public enum CommodityCategory {
    DRUGS_COCAINE("cocaine", "coca"),
    DRUGS_HEROIN("heroin", "opium", "morphine"),
    DRUGS_CANNABIS("cannabis", "marijuana", "hashish", "hemp"),
    DRUGS_SYNTHETIC("methamphetamine", "amphetamine", "mdma", "ecstasy", "fentanyl", "ketamine", "captagon"),
    DRUGS_OTHER("khat", "drug", "narcotic"),
    PRECURSORS("precursor", "ephedrine", "acetic anhydride", "pmk", "bmk"),
    TOBACCO("cigarette", "tobacco", "cigar", "shisha"),
    ALCOHOL("alcohol", "vodka", "whisky", "whiskey", "spirits", "ethanol"),
    WEAPONS("weapon", "pistol", "rifle", "firearm", "gun"),
    AMMUNITION_EXPLOSIVES("ammunition", "cartridge", "explosive", "detonator"),
    IPR("counterfeit", "fake", "replica", "pirated"),
    CITES("ivory", "pangolin", "rhino", "cites", "coral", "turtle", "wildlife"),
    CASH("cash", "currency", "banknote"),
    MEDICINES("medicine", "tablet", "pharmaceutical", "viagra", "steroid"),
    OTHER();

    private final String[] keywords;

    CommodityCategory(String... keywords) {
        this.keywords = keywords;
    }

    public static CommodityCategory parse(String s) { return Codes.parse(CommodityCategory.class, "category", s); }

    /** The category whose key word the description contains first in declaration order; OTHER when none. */
    public static CommodityCategory infer(String goods) {
        if (goods == null) return OTHER;
        String g = goods.toLowerCase(Locale.ROOT);
        for (CommodityCategory c : values()) for (String k : c.keywords) if (g.contains(k)) return c;
        return OTHER;
    }
}
