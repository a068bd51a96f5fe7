package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The documented, deterministic rules that complete the demo tariff of "Demo Customs" (national currency JPY):
 *
 * <ul>
 * <li><b>MFN duty for every HS 2022 subheading</b> not covered by a hand-set line: the chapter has a band of
 * plausible ad valorem rates ({@link #BANDS}: raw materials, machinery and electronics free, food 3-20%, textiles
 * 5-8%, apparel 7-11%, leather and footwear higher) and the subheading takes the band entry at index
 * {@code (code × 2654435761) mod 2^32 mod band size}, so the same code always gets the same rate.</li>
 * <li><b>Preferences</b> for each generated non-zero MFN rate p (chapters 01-24 are "food"):
 * CPTPP and JP-EU free, except food with p above 10% at 40% (CPTPP) / 50% (JP-EU) of p; RCEP for ASEAN,
 * Australia and New Zealand free, except food above 10% at 60% of p; RCEP for China and Korea 60% of p for food,
 * 50% of p for leather, textiles, apparel and footwear (chapters 41-43, 50-64), free otherwise. A proof of origin
 * is required under every agreement; the line's note says which kind.</li>
 * <li><b>Exchange rates</b> (JPY per unit) every Monday from 2020-01-06 to 2030-12-30 for the main trading
 * currencies: a seeded mean-reverting random walk (weekly volatility 0.8-2%) around a base level, 5
 * significant digits.</li>
 * </ul>
 */
final class DemoTariffRules {
    private DemoTariffRules() { }

    static final String CPTPP = "AU BN CA CL MY MX NZ PE SG VN GB";
    static final String EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE";
    static final String RCEP_A = "BN KH ID LA MY MM PH SG TH VN AU NZ";
    static final String RCEP_B = "CN KR";
    private static final String PROOF_CPTPP = "proof: origin declaration by exporter, producer or importer";
    private static final String PROOF_EU = "proof: statement on origin on the invoice, or importer's knowledge";
    private static final String PROOF_RCEP = "proof: certificate of origin or declaration of origin";

    /** Ad valorem MFN rates (percent) a subheading of the chapter may take; chapters not listed are free. */
    static final Map<String, double[]> BANDS = bands();

    private static Map<String, double[]> bands() {
        Map<String, double[]> b = new TreeMap<>();
        put(b, "01", 0, 0, 3.8);
        put(b, "02", 3, 8.5, 9.6, 12.8);
        put(b, "03", 3.5, 5, 6, 7, 10);
        put(b, "04", 20, 25, 29.8, 35);
        put(b, "05", 0, 0, 2.5);
        put(b, "07", 3, 5, 6, 9);
        put(b, "08", 5, 6, 10, 12, 17);
        put(b, "09", 0, 3, 6, 12);
        put(b, "11", 10, 15, 20);
        put(b, "12", 0, 0, 0, 3);
        put(b, "13", 0, 3.2);
        put(b, "15", 0, 2.5, 3.5, 8.5);
        put(b, "16", 6, 9.6, 10, 20);
        put(b, "17", 10, 20, 25);
        put(b, "18", 0, 10, 13, 24);
        put(b, "19", 9, 13.6, 15, 20);
        put(b, "20", 6, 9, 12, 13.2, 17);
        put(b, "21", 5, 7.2, 9, 12);
        put(b, "22", 0, 3, 9.6);
        put(b, "23", 0, 0, 3);
        put(b, "24", 0, 0, 3.4);
        for (String ch : List.of("28", "29")) put(b, ch, 0, 0, 2.8, 3.1, 3.9);
        put(b, "32", 0, 3.1, 3.9);
        put(b, "33", 0, 2.8, 4.8);
        put(b, "34", 0, 3.9);
        put(b, "35", 0, 3.9, 6.4);
        for (String ch : List.of("36", "37", "38")) put(b, ch, 0, 3.1, 3.9, 4.6);
        put(b, "39", 3.1, 3.9, 4.8, 5.8, 6.5);
        put(b, "40", 0, 0, 2.7, 3.2);
        put(b, "41", 0, 12, 16, 20);
        put(b, "42", 8, 10, 12.5, 16);
        put(b, "43", 0, 5, 20);
        put(b, "44", 0, 0, 2.8, 3.9, 6);
        put(b, "45", 0, 2.7);
        put(b, "46", 2.7, 5.1);
        for (int ch = 50; ch <= 60; ch++) put(b, String.valueOf(ch), 0, 5, 5.3, 6.6, 7.5);
        put(b, "61", 7.4, 8.4, 9.1, 10.9);
        put(b, "62", 7.4, 8.4, 9.1, 10.9);
        put(b, "63", 5.3, 6.6, 7.5, 8.4);
        put(b, "64", 6.7, 8, 17.3, 27);
        for (String ch : List.of("65", "66", "67")) put(b, ch, 2.7, 3.9, 4.3, 5.8);
        for (String ch : List.of("68", "69", "70")) put(b, ch, 0, 0, 2.6, 3.4);
        put(b, "71", 0, 0, 5.2, 5.4);
        for (String ch : List.of("74", "75", "76", "78", "79", "80", "81")) put(b, ch, 0, 0, 3, 3.9);
        for (String ch : List.of("82", "83")) put(b, ch, 0, 2.6, 3.4);
        put(b, "93", 0, 2.6);
        put(b, "96", 0, 2.7, 3.4, 4.6);
        return Map.copyOf(b);
    }

    private static void put(Map<String, double[]> b, String chapter, double... rates) {
        b.put(chapter, rates);
    }

    /** The generated MFN ad valorem rate (percent) of a 6-digit subheading. */
    static double mfnPercent(String hs6) {
        double[] band = BANDS.get(hs6.substring(0, 2));
        if (band == null) return 0;
        long h = (Long.parseLong(hs6) * 2654435761L) & 0xFFFFFFFFL;
        return band[(int) (h % band.length)];
    }

    /** Rate lines (CSV, same columns as tariff.csv) for the subheadings not covered by a hand-set MFN prefix. */
    static List<String> generatedLines(List<String> subheadings, Set<String> handSetMfnPrefixes) {
        List<String> out = new ArrayList<>();
        for (String code : subheadings) {
            if (covered(code, handSetMfnPrefixes)) continue;
            double p = mfnPercent(code);
            out.add("MFN," + code + ",,,," + pct(p) + ",2020-01-01,,,generated by chapter band");
            if (p == 0) continue;
            boolean food = Integer.parseInt(code.substring(0, 2)) <= 24;
            int ch = Integer.parseInt(code.substring(0, 2));
            boolean textiles = (ch >= 41 && ch <= 43) || (ch >= 50 && ch <= 64);
            pref(out, code, "CPTPP", CPTPP, food && p > 10 ? p * 0.4 : 0, "2018-12-30", PROOF_CPTPP);
            pref(out, code, "JP-EU", EU, food && p > 10 ? p * 0.5 : 0, "2019-02-01", PROOF_EU);
            pref(out, code, "RCEP", RCEP_A, food && p > 10 ? p * 0.6 : 0, "2022-01-01", PROOF_RCEP);
            pref(out, code, "RCEP", RCEP_B, food ? p * 0.6 : textiles ? p * 0.5 : 0, "2022-01-01", PROOF_RCEP);
        }
        return out;
    }

    private static void pref(List<String> out, String code, String agreement, String origins, double rate, String from, String proof) {
        String staged = rate > 0 ? "staged; " : "";
        out.add("PREF," + code + ",EPA," + agreement + "," + origins + "," + pct(rate) + "," + from + ",,required,\"" + staged + proof + "\"");
    }

    private static boolean covered(String code, Set<String> prefixes) {
        for (int len = 0; len <= code.length(); len++) if (prefixes.contains(code.substring(0, len))) return true;
        return false;
    }

    private static String pct(double p) {
        if (p == 0) return "free";
        return BigDecimal.valueOf(p).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** Base level (JPY per unit) and weekly volatility of each currency with a demo exchange rate. */
    private static final Map<String, double[]> FX_BASE = new TreeMap<>(Map.ofEntries(
            Map.entry("USD", new double[] {148.0, 0.012}), Map.entry("EUR", new double[] {160.0, 0.010}),
            Map.entry("CNY", new double[] {20.6, 0.010}), Map.entry("KRW", new double[] {0.108, 0.012}),
            Map.entry("GBP", new double[] {188.0, 0.011}), Map.entry("THB", new double[] {4.25, 0.012}),
            Map.entry("VND", new double[] {0.0059, 0.010}), Map.entry("AUD", new double[] {97.0, 0.014}),
            Map.entry("CAD", new double[] {107.0, 0.012}), Map.entry("SGD", new double[] {110.0, 0.009}),
            Map.entry("HKD", new double[] {19.0, 0.012}), Map.entry("TWD", new double[] {4.6, 0.010}),
            Map.entry("MYR", new double[] {32.5, 0.011}), Map.entry("IDR", new double[] {0.0093, 0.012}),
            Map.entry("PHP", new double[] {2.6, 0.011}), Map.entry("INR", new double[] {1.76, 0.010}),
            Map.entry("CHF", new double[] {168.0, 0.010}), Map.entry("NZD", new double[] {88.0, 0.014}),
            Map.entry("MXN", new double[] {8.2, 0.018}), Map.entry("CLP", new double[] {0.16, 0.015}),
            Map.entry("BRL", new double[] {27.5, 0.020}), Map.entry("NOK", new double[] {14.0, 0.013}),
            Map.entry("SEK", new double[] {14.2, 0.013}), Map.entry("DKK", new double[] {21.4, 0.010}),
            Map.entry("ZAR", new double[] {8.1, 0.018}), Map.entry("BDT", new double[] {1.25, 0.008})));

    static final LocalDate FX_FIRST = LocalDate.of(2020, 1, 6);
    static final LocalDate FX_LAST = LocalDate.of(2030, 12, 30);

    /** The exchange-rate CSV ({@code currency,rate,valid_from}), weekly, deterministic. */
    static String exchangeRatesCsv() {
        StringBuilder sb = new StringBuilder("currency,rate,valid_from\n");
        MathContext five = new MathContext(5, RoundingMode.HALF_UP);
        FX_BASE.forEach((cur, spec) -> {
            Random rnd = new Random(cur.hashCode() * 31L + 2026);
            double x = 0; // log deviation from the base level
            for (LocalDate d = FX_FIRST; !d.isAfter(FX_LAST); d = d.plusWeeks(1)) {
                if (d.getDayOfWeek() != DayOfWeek.MONDAY) throw new IllegalStateException(d.toString());
                sb.append(cur).append(',').append(new BigDecimal(spec[0] * Math.exp(x), five).toPlainString())
                        .append(',').append(d).append('\n');
                x = 0.97 * x + spec[1] * rnd.nextGaussian();
            }
        });
        return sb.toString();
    }
}
