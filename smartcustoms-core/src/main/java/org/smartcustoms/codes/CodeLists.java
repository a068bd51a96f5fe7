package org.smartcustoms.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The international code lists a declaration is checked against. Countries and currencies come from the
 * JDK (so they follow the JDK's ISO updates) plus the user-assigned codes customs administrations use;
 * UN/ECE Recommendation 20 units are a curated resource of the units seen on declarations (the full
 * recommendation has ~2,000 codes, most of which no declarant ever uses, and accepting them would hide typos).
 */
public final class CodeLists {
    private CodeLists() { }

    /**
     * ISO 3166-1 alpha-2 countries plus customs codes outside the standard: XK Kosovo, EU, XI Northern
     * Ireland / XU Great Britain (UK–EU Windsor framework), XC Ceuta, XL Melilla, the EU geonomenclature
     * Q-codes (stores and provisions, high seas, not specified) and the continental-shelf sector codes of the UK
     * CDS country list (ZB, ZD, ZF, ZG, ZH, ZI, ZN, ZU: origin/dispatch of goods from offshore installations).
     */
    public static final CodeList COUNTRIES = countries();

    /** ISO 4217 currencies known to the JDK, without XTS (testing) and XXX (no currency). */
    public static final CodeList CURRENCIES = currencies();

    /** UN/ECE Recommendation 20 units of measure commonly used for supplementary units on declarations. */
    public static final CodeList UNITS = resource("UNECE-REC20", "unece-rec20-units.csv");

    /** UN/ECE Recommendation 19 modes of transport (one digit). */
    public static final CodeList TRANSPORT_MODES = new CodeList("UNECE-REC19", ordered(
            "0", "Transport mode not specified",
            "1", "Maritime transport",
            "2", "Rail transport",
            "3", "Road transport",
            "4", "Air transport",
            "5", "Mail",
            "6", "Multimodal transport",
            "7", "Fixed transport installations",
            "8", "Inland water transport",
            "9", "Transport mode not applicable"));

    /** WCO DM declaration type codes (first two letters of TypeCode). */
    public static final CodeList DECLARATION_TYPES = new CodeList("WCO-DECLARATION-TYPE", ordered(
            "IM", "Import",
            "EX", "Export",
            "CO", "Trade with special fiscal territories",
            "TR", "Transit"));

    /** Every list, for an API that publishes them. */
    public static java.util.List<CodeList> all() {
        return java.util.List.of(COUNTRIES, CURRENCIES, UNITS, TRANSPORT_MODES, DECLARATION_TYPES);
    }

    private static CodeList countries() {
        Map<String, String> m = new TreeMap<>();
        for (String cc : Locale.getISOCountries()) {
            m.put(cc, Locale.of("", cc).getDisplayCountry(Locale.ENGLISH));
        }
        m.putAll(ordered(
                "XK", "Kosovo",
                "EU", "European Union",
                "XI", "United Kingdom (Northern Ireland)",
                "XU", "United Kingdom (excluding Northern Ireland)",
                "XC", "Ceuta",
                "XL", "Melilla",
                "QP", "High seas",
                "QQ", "Stores and provisions",
                "QR", "Stores and provisions within intra-EU trade",
                "QS", "Stores and provisions within extra-EU trade",
                "QU", "Countries and territories not specified",
                "QV", "Countries and territories not specified within intra-EU trade",
                "QW", "Countries and territories not specified within extra-EU trade",
                "QX", "Countries and territories not specified for commercial or military reasons",
                "QY", "Not specified for commercial or military reasons within intra-EU trade",
                "QZ", "Not specified for commercial or military reasons within extra-EU trade",
                "ZB", "Continental shelf, Belgian sector",
                "ZD", "Continental shelf, Danish sector",
                "ZF", "Continental shelf, French sector",
                "ZG", "Continental shelf, German sector",
                "ZH", "Continental shelf, Netherlands sector",
                "ZI", "Continental shelf, Irish sector",
                "ZN", "Continental shelf, Norwegian sector",
                "ZU", "Continental shelf, United Kingdom sector"));
        return new CodeList("ISO3166-1", m);
    }

    private static CodeList currencies() {
        Map<String, String> m = new LinkedHashMap<>();
        Currency.getAvailableCurrencies().stream()
                .sorted(Comparator.comparing(Currency::getCurrencyCode))
                .filter(c -> !c.getCurrencyCode().equals("XTS") && !c.getCurrencyCode().equals("XXX"))
                .forEach(c -> m.put(c.getCurrencyCode(), c.getDisplayName(Locale.ENGLISH)));
        return new CodeList("ISO4217", m);
    }

    private static CodeList resource(String id, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = CodeLists.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing code list resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int comma = line.indexOf(',');
                if (comma < 0) throw new IllegalStateException(name + ": bad line " + line);
                String code = CodeList.upper(line.substring(0, comma));
                if (m.put(code, line.substring(comma + 1).trim()) != null) {
                    throw new IllegalStateException(name + ": duplicate code " + code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodeList(id, m);
    }

    private static Map<String, String> ordered(String... codeNamePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < codeNamePairs.length; i += 2) m.put(codeNamePairs[i], codeNamePairs[i + 1]);
        return m;
    }
}
