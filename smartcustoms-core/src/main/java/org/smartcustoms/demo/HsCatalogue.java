package org.smartcustoms.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The commodities of a demo world: a built-in list, or a seeded sample of the HS nomenclature CSV. */
final class HsCatalogue {
    private HsCatalogue() { }

    /** ~60 commonly imported subheadings (HS 2022) with hand-set prices, duties and usual origins. */
    static List<Commodity> builtIn() {
        List<Commodity> c = new ArrayList<>();
        // hs6, description, USD/kg, sigma, unit, kg/unit, median shipment kg, origins. Prices are plausible demo
        // values; duties come from the demo tariff (World). Food staples of a Japan-like importer come first.
        add(c, "210310", "Soy sauce", 2.2, 0.3, "KGM", 1, 6000, "CN KR TW TH");
        add(c, "020230", "Frozen boneless beef", 7.5, 0.25, "KGM", 1, 20000, "AU US CA NZ");
        add(c, "020329", "Frozen pork", 4.2, 0.25, "KGM", 1, 18000, "US CA ES MX DK");
        add(c, "040690", "Cheese", 6.5, 0.35, "KGM", 1, 8000, "AU NZ NL DE FR IT");
        add(c, "190531", "Sweet biscuits", 4.5, 0.4, "KGM", 1, 3000, "FR IT DE BE US");
        add(c, "160232", "Prepared chicken meat", 4.0, 0.3, "KGM", 1, 12000, "TH CN");
        add(c, "030389", "Frozen fish, whole", 3.5, 0.35, "KGM", 1, 8000, "CN VN RU NO US");
        add(c, "030617", "Frozen shrimps and prawns", 9, 0.3, "KGM", 1, 6000, "VN TH EC IN CN");
        add(c, "030743", "Frozen squid and cuttlefish", 5, 0.3, "KGM", 1, 9000, "CN PE CL VN");
        add(c, "080390", "Fresh bananas", 0.8, 0.25, "KGM", 1, 18000, "PH EC VN");
        add(c, "080510", "Fresh oranges", 1.5, 0.25, "KGM", 1, 15000, "US AU ZA");
        add(c, "080810", "Fresh apples", 2, 0.3, "KGM", 1, 10000, "NZ US CL");
        add(c, "090111", "Green coffee beans, not roasted", 4.5, 0.3, "KGM", 1, 12000, "VN BR CO ET");
        add(c, "090121", "Roasted coffee", 12, 0.35, "KGM", 1, 2000, "US IT CH");
        add(c, "090210", "Green tea in packings up to 3 kg", 14, 0.45, "KGM", 1, 1500, "CN");
        add(c, "220300", "Beer made from malt", 1.3, 0.3, "LTR", 1.05, 15000, "CN NL US DE");
        add(c, "220421", "Still wine in bottles", 7, 0.6, "LTR", 1.3, 4000, "FR IT CL ES US AU");
        add(c, "220830", "Whisky", 14, 0.6, "LTR", 1.4, 3000, "GB US");
        add(c, "300490", "Medicaments for retail sale", 150, 0.9, "KGM", 1, 300, "DE US CH FR IN");
        add(c, "300241", "Vaccines for human medicine", 900, 0.8, "KGM", 1, 50, "US DE BE FR");
        add(c, "330499", "Skin care preparations", 28, 0.6, "KGM", 1, 800, "FR US IT");
        add(c, "330510", "Shampoos", 5, 0.4, "KGM", 1, 2000, "US CN TH");
        add(c, "390110", "Polyethylene in primary forms", 1.3, 0.2, "KGM", 1, 25000, "SA US SG CN");
        add(c, "392010", "Polyethylene plates, sheets and film", 3, 0.35, "KGM", 1, 6000, "CN DE");
        add(c, "392690", "Other articles of plastics", 7, 0.6, "KGM", 1, 1500, "CN US DE VN");
        add(c, "401110", "New pneumatic tyres for cars", 4.2, 0.3, "NAR", 9, 8000, "CN VN ID TH");
        add(c, "401120", "New pneumatic tyres for buses and lorries", 3.5, 0.25, "NAR", 50, 12000, "CN TH");
        add(c, "420221", "Handbags with outer surface of leather", 80, 0.8, "KGM", 1, 200, "IT FR CN VN");
        add(c, "420292", "Bags and cases of plastics or textile", 14, 0.5, "KGM", 1, 1500, "CN VN");
        add(c, "440711", "Sawn pine wood, thicker than 6 mm", 0.35, 0.25, "KGM", 1, 40000, "NZ CL RU US");
        add(c, "441829", "Wooden doors and frames", 2.2, 0.35, "KGM", 1, 5000, "CN ID MY");
        add(c, "480256", "Uncoated printing paper in small sheets", 1.1, 0.2, "KGM", 1, 20000, "ID CN");
        add(c, "481910", "Cartons and boxes of corrugated paper", 1.3, 0.3, "KGM", 1, 5000, "CN VN");
        add(c, "610910", "Cotton T-shirts, knitted", 22, 0.5, "KGM", 1, 800, "CN VN BD IN");
        add(c, "611020", "Cotton pullovers and cardigans, knitted", 26, 0.5, "KGM", 1, 600, "CN VN IT");
        add(c, "611030", "Pullovers of man-made fibres, knitted", 20, 0.5, "KGM", 1, 700, "CN VN");
        add(c, "610462", "Women's cotton trousers, knitted", 22, 0.5, "KGM", 1, 500, "CN VN");
        add(c, "620342", "Men's cotton trousers", 24, 0.5, "KGM", 1, 700, "CN VN BD IT");
        add(c, "620462", "Women's cotton trousers", 25, 0.5, "KGM", 1, 600, "CN VN IT");
        add(c, "620520", "Men's cotton shirts", 30, 0.5, "KGM", 1, 400, "CN VN IT IN");
        add(c, "640399", "Leather-upper footwear, rubber soles", 45, 0.6, "NPR", 0.9, 600, "CN VN IT ID");
        add(c, "640299", "Rubber or plastic footwear", 12, 0.5, "NPR", 0.6, 800, "CN VN");
        add(c, "640411", "Sports footwear with textile uppers", 28, 0.5, "NPR", 0.7, 900, "VN CN ID");
        add(c, "690722", "Ceramic tiles", 0.6, 0.3, "MTK", 20, 20000, "CN ES IT");
        add(c, "691110", "Porcelain tableware and kitchenware", 4.5, 0.5, "KGM", 1, 2500, "CN DE");
        add(c, "711319", "Jewellery of precious metal", 25000, 0.9, "GRM", 0.001, 5, "IT HK US CN");
        add(c, "720839", "Hot-rolled steel coils under 3 mm", 0.65, 0.2, "KGM", 1, 60000, "CN IN");
        add(c, "721049", "Zinc-coated flat steel", 0.9, 0.2, "KGM", 1, 40000, "CN");
        add(c, "730890", "Steel structures and parts", 2.3, 0.35, "KGM", 1, 15000, "CN VN");
        add(c, "731815", "Steel screws and bolts", 3.2, 0.4, "KGM", 1, 3000, "CN TW DE");
        add(c, "760612", "Aluminium alloy plates and sheets", 3.6, 0.25, "KGM", 1, 20000, "CN US");
        add(c, "760711", "Aluminium foil, rolled", 4, 0.3, "KGM", 1, 10000, "CN");
        add(c, "841810", "Combined refrigerator-freezers", 5.5, 0.35, "NAR", 75, 6000, "CN TH MX");
        add(c, "845011", "Fully-automatic household washing machines", 4.5, 0.35, "NAR", 65, 6000, "CN TH VN");
        add(c, "847130", "Portable computers (laptops)", 190, 0.4, "NAR", 2.2, 800, "CN TW US");
        add(c, "847330", "Parts and accessories for computers", 70, 0.9, "KGM", 1, 400, "CN TW US");
        add(c, "847989", "Machines with individual functions n.e.c.", 28, 0.8, "KGM", 1, 3000, "DE US CN IT");
        add(c, "850440", "Static converters and power supplies", 28, 0.7, "KGM", 1, 1000, "CN VN TW DE");
        add(c, "850760", "Lithium-ion accumulators", 30, 0.5, "KGM", 1, 3000, "CN");
        add(c, "851713", "Smartphones", 1100, 0.4, "NAR", 0.25, 150, "CN VN US");
        add(c, "851762", "Network and data communication apparatus", 180, 0.7, "KGM", 1, 300, "CN US VN TW");
        add(c, "852872", "Colour television receivers", 14, 0.35, "NAR", 15, 4000, "CN VN MX");
        add(c, "854231", "Processors and controllers (integrated circuits)", 3000, 1.0, "KGM", 1, 15, "TW CN MY US");
        add(c, "870323", "Passenger cars, petrol, 1500-3000 cc", 24, 0.4, "NAR", 1500, 15000, "DE US GB");
        add(c, "870899", "Other motor vehicle parts", 9, 0.6, "KGM", 1, 4000, "DE CN US MX");
        add(c, "871200", "Bicycles, not motorised", 18, 0.6, "NAR", 14, 2500, "CN TW");
        add(c, "900490", "Corrective and protective spectacles", 70, 0.7, "NAR", 0.05, 100, "CN IT");
        add(c, "901890", "Medical and surgical instruments n.e.c.", 110, 0.9, "KGM", 1, 300, "US DE CN");
        add(c, "940161", "Upholstered seats with wooden frames", 7, 0.4, "KGM", 1, 3000, "CN VN IT");
        add(c, "940360", "Wooden furniture", 3.8, 0.4, "KGM", 1, 4000, "CN VN MY");
        add(c, "950300", "Toys, dolls, puzzles and scale models", 11, 0.5, "KGM", 1, 2000, "CN VN");
        add(c, "950691", "Athletics and gymnastics equipment", 5, 0.5, "KGM", 1, 3000, "CN TW");
        add(c, "961900", "Sanitary towels and napkins (diapers)", 3.5, 0.3, "KGM", 1, 8000, "CN");
        return List.copyOf(c);
    }

    private static void add(List<Commodity> c, String hs, String desc, double usdKg, double sigma,
                            String unit, double kgPerUnit, double shipmentKg, String origins) {
        c.add(new Commodity(hs, desc, usdKg, sigma, Double.NaN, unit, kgPerUnit, shipmentKg, List.of(origins.split(" "))));
    }

    /** USD/kg medians by HS section, for codes sampled from the nomenclature. */
    private static final Map<String, Double> SECTION_USD_PER_KG = Map.ofEntries(
            Map.entry("I", 5.0), Map.entry("II", 2.0), Map.entry("III", 1.5), Map.entry("IV", 3.0),
            Map.entry("V", 0.3), Map.entry("VI", 8.0), Map.entry("VII", 3.0), Map.entry("VIII", 30.0),
            Map.entry("IX", 1.0), Map.entry("X", 1.2), Map.entry("XI", 15.0), Map.entry("XII", 20.0),
            Map.entry("XIII", 1.5), Map.entry("XIV", 500.0), Map.entry("XV", 2.5), Map.entry("XVI", 40.0),
            Map.entry("XVII", 12.0), Map.entry("XVIII", 80.0), Map.entry("XX", 6.0));

    /**
     * A seeded sample of the nomenclature: {@code chapters} chapters with up to 5 subheadings each, so that
     * misclassification has same-chapter neighbours. Prices are drawn per code from the seed; duties come from the demo tariff.
     */
    static List<Commodity> sample(Path hsCsv, Random rnd, int chapters) {
        Map<String, List<String[]>> byChapter = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(hsCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String section = rec.get("section");
                String code = rec.get("hscode");
                if (!"6".equals(rec.get("level")) || !code.matches("\\d{6}") || !SECTION_USD_PER_KG.containsKey(section)) continue;
                byChapter.computeIfAbsent(code.substring(0, 2), k -> new ArrayList<>())
                        .add(new String[] {section, code, rec.get("description")});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HS nomenclature " + hsCsv, e);
        }
        List<String> chapterIds = new ArrayList<>(byChapter.keySet());
        java.util.Collections.shuffle(chapterIds, rnd);
        Map<String, Commodity> picked = new LinkedHashMap<>();
        for (String ch : chapterIds.subList(0, Math.min(chapters, chapterIds.size()))) {
            List<String[]> codes = new ArrayList<>(byChapter.get(ch));
            java.util.Collections.shuffle(codes, rnd);
            for (String[] row : codes.subList(0, Math.min(5, codes.size()))) {
                double median = SECTION_USD_PER_KG.get(row[0]) * Math.exp(0.6 * rnd.nextGaussian());
                double shipment = Math.max(20, 3000 * Math.exp(1.2 * rnd.nextGaussian()) / Math.sqrt(median));
                picked.put(row[1], new Commodity(row[1], row[2], median, 0.3 + 0.4 * rnd.nextDouble(), Double.NaN, "KGM", 1,
                        shipment, List.of()));
            }
        }
        if (picked.isEmpty()) throw new IllegalArgumentException("no 6-digit codes in " + hsCsv);
        return List.copyOf(picked.values());
    }
}
