package org.smartcustoms.server.tariff;

import java.util.Locale;

/** The kinds of tariff file an administrator can import; the formats are documented in docs/tariff.md. */
public enum TariffFileKind {
    /** HS nomenclature export: section,hscode,description,parent,level. */
    HS,
    /** HS sections: section,name. */
    SECTIONS,
    /** Generic nomenclature / national tariff lines: code,description[,parent][,valid_from][,valid_to][,section]. */
    NOMENCLATURE,
    /** Rate schedule (MFN, preferential, VAT, excise). */
    RATES,
    /** Exchange rates to the national currency. */
    EXCHANGE_RATES;

    public static TariffFileKind parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tariff file kind '" + s + "': use hs, sections, nomenclature, rates or exchange-rates");
        }
    }
}
