package org.smartcustoms.risk.watchlist;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Reduces a trader name to a comparable key: Unicode NFKD with diacritics stripped, Cyrillic and Greek
 * transliterated to Latin, upper case, dots and apostrophes dropped, other punctuation as spaces, legal-form
 * words (LTD, LLC, CO, GMBH, OOO...) removed. {@link #fold} additionally merges common transliteration
 * spelling variants (KH/H, Y/I, PH/F...), so "Mikhail" and "Mihail" compare equal.
 */
public final class NameNormalizer {
    private static final Set<String> LEGAL_FORMS = Set.of("LTD", "LIMITED", "LLC", "INC", "INCORPORATED", "CO",
            "COMPANY", "CORP", "CORPORATION", "GMBH", "MBH", "SA", "SAS", "SARL", "SRL", "SPA", "BV", "NV", "AG",
            "KG", "PLC", "LLP", "LP", "OOO", "ZAO", "OAO", "PAO", "AO", "TOO", "JSC", "CJSC", "OJSC", "PJSC", "PTE",
            "PVT", "SDN", "BHD", "KK", "OY", "AB", "AS", "SL", "EIRL", "EURL", "THE", "AND");

    private static final String[] CYRILLIC = new String[0x500 - 0x400];
    private static final String[] GREEK = new String[0x3CA - 0x391];

    static {
        String[][] cyr = {{"А", "A"}, {"Б", "B"}, {"В", "V"}, {"Г", "G"}, {"Д", "D"}, {"Е", "E"}, {"Ё", "E"},
                {"Ж", "ZH"}, {"З", "Z"}, {"И", "I"}, {"Й", "Y"}, {"К", "K"}, {"Л", "L"}, {"М", "M"}, {"Н", "N"},
                {"О", "O"}, {"П", "P"}, {"Р", "R"}, {"С", "S"}, {"Т", "T"}, {"У", "U"}, {"Ф", "F"}, {"Х", "KH"},
                {"Ц", "TS"}, {"Ч", "CH"}, {"Ш", "SH"}, {"Щ", "SHCH"}, {"Ъ", ""}, {"Ы", "Y"}, {"Ь", ""}, {"Э", "E"},
                {"Ю", "YU"}, {"Я", "YA"}, {"І", "I"}, {"Ї", "YI"}, {"Є", "YE"}, {"Ґ", "G"}, {"Ў", "U"}};
        for (String[] p : cyr) {
            CYRILLIC[p[0].charAt(0) - 0x400] = p[1];
            CYRILLIC[p[0].toLowerCase(Locale.ROOT).charAt(0) - 0x400] = p[1];
        }
        String[][] gr = {{"Α", "A"}, {"Β", "V"}, {"Γ", "G"}, {"Δ", "D"}, {"Ε", "E"}, {"Ζ", "Z"}, {"Η", "I"},
                {"Θ", "TH"}, {"Ι", "I"}, {"Κ", "K"}, {"Λ", "L"}, {"Μ", "M"}, {"Ν", "N"}, {"Ξ", "X"}, {"Ο", "O"},
                {"Π", "P"}, {"Ρ", "R"}, {"Σ", "S"}, {"Τ", "T"}, {"Υ", "Y"}, {"Φ", "F"}, {"Χ", "CH"}, {"Ψ", "PS"},
                {"Ω", "O"}};
        for (String[] p : gr) GREEK[p[0].charAt(0) - 0x391] = p[1];
    }

    private NameNormalizer() { }

    /** Normalised tokens joined by single spaces, in original order; "" if nothing is left. */
    public static String normalize(String name) {
        if (name == null) return "";
        boolean ascii = true;
        for (int i = 0; i < name.length() && ascii; i++) ascii = name.charAt(i) < 128;
        String d = ascii ? name : Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(d.length());
        StringBuilder token = new StringBuilder(16);
        for (int i = 0; i <= d.length(); i++) {
            if (i == d.length()) {
                endToken(token, out);
                break;
            }
            char c = d.charAt(i);
            if (c < 128) {
                if (c >= 'a' && c <= 'z') token.append((char) (c - 32));
                else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) token.append(c);
                else if (c == '.' || c == '\'' || c == '`') continue; // "S.A." -> "SA", "O'Neil" -> "ONEIL"
                else endToken(token, out);
                continue;
            }
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            char u = Character.toUpperCase(c);
            if (u >= 0x400 && u < 0x500 && CYRILLIC[u - 0x400] != null) {
                token.append(CYRILLIC[u - 0x400]);
            } else if (u >= 0x391 && u < 0x3CA && GREEK[u - 0x391] != null) {
                token.append(GREEK[u - 0x391]);
            } else if (u == '’') {
                continue;
            } else if (c == 'ß') {
                token.append("SS");
            } else if (Character.isLetterOrDigit(u)) {
                token.append(u);
            } else {
                endToken(token, out);
            }
        }
        return out.toString();
    }

    private static void endToken(StringBuilder token, StringBuilder out) {
        if (token.isEmpty()) return;
        String t = token.toString();
        token.setLength(0);
        if (LEGAL_FORMS.contains(t)) return;
        if (!out.isEmpty()) out.append(' ');
        out.append(t);
    }

    /** Folds transliteration spelling variants of an already normalised name. */
    public static String fold(String normalized) {
        String s = normalized;
        s = s.replace("SHCH", "SH").replace("TCH", "CH").replace("KH", "H").replace("PH", "F").replace("CK", "K")
                .replace("TZ", "Z").replace("TS", "Z").replace("OU", "U").replace("W", "V").replace("J", "I")
                .replace("Y", "I").replace("IE", "E").replace("IA", "A").replace("IU", "U").replace("Q", "K");
        StringBuilder out = new StringBuilder(s.length());
        char prev = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != prev || c == ' ') out.append(c);
            prev = c;
        }
        return out.toString();
    }

    /** Token set: distinct tokens sorted, joined by spaces (word order and repetition ignored). */
    public static String tokenSet(String normalized) {
        if (normalized.isEmpty() || normalized.indexOf(' ') < 0) return normalized;
        String[] tokens = splitOnSpace(normalized);
        Arrays.sort(tokens);
        StringBuilder sb = new StringBuilder(normalized.length());
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0 && tokens[i].equals(tokens[i - 1])) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(tokens[i]);
        }
        return sb.toString();
    }

    /** Same as {@code s.split(" ")} (trailing empty tokens dropped), without the regex machinery and list. */
    public static String[] splitOnSpace(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        if (end == 0) return s.isEmpty() ? new String[] {""} : new String[0];
        int n = 1;
        for (int i = 0; i < end; i++) if (s.charAt(i) == ' ') n++;
        String[] out = new String[n];
        int k = 0;
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == ' ') {
                out[k++] = s.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = s.substring(start, end);
        return out;
    }

    /** Jaro-Winkler similarity in [0,1]. */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) return 1;
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) return 0;
        int range = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] ma = new boolean[la];
        boolean[] mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int lo = Math.max(0, i - range);
            int hi = Math.min(lb - 1, i + range);
            for (int j = lo; j <= hi; j++) {
                if (!mb[j] && a.charAt(i) == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0;
        int t = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (!ma[i]) continue;
            while (!mb[k]) k++;
            if (a.charAt(i) != b.charAt(k)) t++;
            k++;
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
