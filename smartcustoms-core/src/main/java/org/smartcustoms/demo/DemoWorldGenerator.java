package org.smartcustoms.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;
import org.smartcustoms.declaration.bulk.BulkRow;

/**
 * Generates a believable, labelled import trade for demos, tests and benchmarks when real declarations
 * cannot be shared: importers into Korea with stable behaviour (mostly honest, a few risky, some AEO
 * certified), their brokers and foreign suppliers, per-commodity log-normal unit prices, and injected
 * fraud (undervaluation, misclassification to a lower-duty neighbour, origin misdeclaration) whose
 * propensity depends on importer, commodity and origin, so that a risk model has something to learn.
 *
 * <p>Output is a pure function of the constructor arguments, the count and the seed. Every declaration
 * passes {@link org.smartcustoms.declaration.DeclarationValidator} (with a clock at or after the end
 * date). Declarations come in date order. Item additional information carries the KCS national elements
 * TAX_RATE, TAX_TYPE, ORIGIN_INDICATOR and PAYMENT_TYPE; customs values are in KRW.
 */
public final class DemoWorldGenerator {
    /** Additional information codes written on every generated item. */
    public static final String TAX_RATE = "TAX_RATE";
    public static final String TAX_TYPE = "TAX_TYPE";
    public static final String ORIGIN_INDICATOR = "ORIGIN_INDICATOR";
    public static final String PAYMENT_TYPE = "PAYMENT_TYPE";

    private static final Set<String> HIGH_RISK_CHAPTERS = Set.of("03", "22", "42", "61", "62", "64", "71", "85", "95");
    private static final Set<String> LOW_RISK_CHAPTERS = Set.of("30", "48", "72", "87", "90");
    /** Where Chinese goods are said to come from when their origin is misdeclared. */
    private static final List<String> ORIGIN_LAUNDERING = List.of("VN", "MY", "TH", "ID");
    private static final int MAX_DECLARATIONS = 90_000_000;

    private final LocalDate endDate;
    private final int days;
    private final Path hsCatalogue;

    /**
     * @param endDate     last declaration date
     * @param days        declarations are spread over the {@code days} days ending at {@code endDate}
     * @param hsCatalogue the HS nomenclature CSV (section,hscode,description,parent,level) to sample 6-digit
     *                    codes from; null or a missing file uses the built-in list of ~65 common subheadings
     */
    public DemoWorldGenerator(LocalDate endDate, int days, Path hsCatalogue) {
        this.endDate = Objects.requireNonNull(endDate, "endDate");
        if (days < 1) throw new IllegalArgumentException("days must be at least 1");
        this.days = days;
        this.hsCatalogue = hsCatalogue;
    }

    /** A year of trade ending at {@code endDate}, on the built-in commodity list. */
    public DemoWorldGenerator(LocalDate endDate) {
        this(endDate, 365, null);
    }

    /** Whether the HS nomenclature file is used (it was given and exists). */
    public boolean usesNomenclatureFile() {
        return hsCatalogue != null && Files.isRegularFile(hsCatalogue);
    }

    /** {@code declarations} generated declarations in date order; the same seed gives the same list. */
    public List<GeneratedDeclaration> generate(int declarations, long seed) {
        return stream(declarations, seed).toList();
    }

    /** As {@link #generate} but lazy, for millions of declarations. Order is fixed even if made parallel. */
    public Stream<GeneratedDeclaration> stream(int declarations, long seed) {
        if (declarations < 0 || declarations > MAX_DECLARATIONS) {
            throw new IllegalArgumentException("declarations must be in 0.." + MAX_DECLARATIONS);
        }
        Random rnd = new Random(seed);
        List<Commodity> commodities = usesNomenclatureFile() ? HsCatalogue.sample(hsCatalogue, rnd, 30) : HsCatalogue.builtIn();
        World world = new World(commodities, declarations, rnd);
        Run run = new Run(world, rnd, declarations);
        Spliterator<GeneratedDeclaration> s = new Spliterators.AbstractSpliterator<>(declarations,
                Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL | Spliterator.IMMUTABLE) {
            int next = 0;

            @Override
            public boolean tryAdvance(Consumer<? super GeneratedDeclaration> action) {
                if (next >= declarations) return false;
                action.accept(run.declaration(next++));
                return true;
            }
        };
        return StreamSupport.stream(s, false);
    }

    /**
     * Writes the KCS import declaration CSV (the 22 KCS columns, Declaration ID ... Critical Fraud): one line per goods
     * item; the Declaration ID is the LRN for single-item declarations, else the LRN followed by the
     * two-digit item sequence. Mode of Transport is the KCS two-digit code (Rec 19 digit × 10), Item Price
     * the customs value (KRW). Does not close the writer.
     */
    public static void writeKcsCsv(Stream<GeneratedDeclaration> declarations, Writer out) throws IOException {
        DemoWriters.writeKcsCsv(declarations, out);
    }

    public static void writeKcsCsv(List<GeneratedDeclaration> declarations, Writer out) throws IOException {
        DemoWriters.writeKcsCsv(declarations.stream(), out);
    }

    /**
     * Writes one JSON object per line: {@code {"declaration": {...}, "label": {"fraud":..,"criticalFraud":..},
     * "fraudType": ...}}, the declaration as Jackson serialises the record (dates as ISO strings). Does not
     * close the writer.
     */
    public static void writeJsonLines(Stream<GeneratedDeclaration> declarations, Writer out) throws IOException {
        DemoWriters.writeJsonLines(declarations, out);
    }

    public static void writeJsonLines(List<GeneratedDeclaration> declarations, Writer out) throws IOException {
        DemoWriters.writeJsonLines(declarations.stream(), out);
    }

    // ------------------------------------------------------------------ one generation run

    /** The mutable state of one generation: the world, the random source and the LRN sequence. */
    private final class Run {
        final World world;
        final Random rnd;
        final int total;
        final long lrnOffset;

        Run(World world, Random rnd, int total) {
            this.world = world;
            this.rnd = rnd;
            this.total = total;
            this.lrnOffset = rnd.nextInt(MAX_DECLARATIONS);
        }

        /** One planned item: what really crosses the border. */
        final class Line {
            Commodity trueGoods;
            Commodity declaredGoods;
            String trueOrigin;
            String declaredOrigin;
            double netKg;
            double trueUsd;
            double declaredUsd;
            boolean describeAsDeclared;
        }

        GeneratedDeclaration declaration(int index) {
            World.Importer imp = world.pickImporter(rnd);
            World.Seller seller = imp.suppliers().get(rnd.nextInt(imp.suppliers().size()));
            LocalDate date = endDate.minusDays(days - 1L).plusDays(total == 0 ? 0 : (long) index * days / total);
            String lrn = String.valueOf(10_000_000 + Math.floorMod(lrnOffset + (long) index * 7919L, (long) MAX_DECLARATIONS));

            int nItems = pickItems();
            List<Line> lines = new ArrayList<>();
            for (int k = 0; k < nItems; k++) lines.add(line(seller, nItems));

            // fraud: propensity from importer, broker, the main item's chapter and origin
            Line main = lines.stream().max((a, b) -> Double.compare(a.trueUsd, b.trueUsd)).orElseThrow();
            double p = imp.profile().baseFraud
                    * (imp.broker() == null ? 1.0 : imp.broker().fraudMultiplier())
                    * chapterRisk(main.trueGoods.chapter())
                    * originRisk(main.trueOrigin, seller.country());
            String fraudType = rnd.nextDouble() < Math.min(0.9, p) ? injectFraud(lines, main) : null;
            int critical = 0;
            if (fraudType != null) critical = dutyLossUsd(lines) > 2500 ? 2 : 1;

            String departure = seller.country();
            if (ORIGIN_TYPE.equals(fraudType) && rnd.nextDouble() < 0.4) departure = main.declaredOrigin; // transshipped
            Transport transport = transport(lines, departure);
            String office = office(transport.borderModeCode());

            List<GoodsItem> items = new ArrayList<>();
            for (int k = 0; k < lines.size(); k++) items.add(item(k + 1, lines.get(k), seller.currency()));
            Money invoice = invoiceTotal(items, seller.currency());

            List<Party> parties = new ArrayList<>();
            if (imp.broker() != null) parties.add(new Party(PartyRole.DECLARANT, imp.broker().id(), imp.broker().name(), "KR"));
            else parties.add(new Party(PartyRole.DECLARANT, imp.id(), imp.name(), "KR"));
            parties.add(new Party(PartyRole.IMPORTER, imp.id(), imp.name(), "KR"));
            parties.add(new Party(PartyRole.SELLER, seller.id(), seller.name(), seller.country()));
            if (imp.profile() == World.Profile.AEO) parties.add(new Party(PartyRole.AUTHORISATION_HOLDER, imp.id(), null, "KR", "AEOF"));

            Declaration d = new Declaration(FunctionCode.ORIGINAL, lrn, new DeclarationType("IM", "A"), office, date,
                    parties, transport, null, invoice, deliveryTerms(), null, List.of(), items);
            return new GeneratedDeclaration(d, new BulkRow.Label(fraudType != null, critical), fraudType);
        }

        private int pickItems() {
            double u = rnd.nextDouble();
            return u < 0.50 ? 1 : u < 0.72 ? 2 : u < 0.85 ? 3 : u < 0.94 ? 4 : 5;
        }

        private Line line(World.Seller seller, int nItems) {
            Line l = new Line();
            l.trueGoods = seller.goods().get(rnd.nextInt(seller.goods().size()));
            l.declaredGoods = l.trueGoods;
            boolean hub = seller.country().equals("HK") || seller.country().equals("SG");
            if (hub) l.trueOrigin = "CN";
            else if (rnd.nextDouble() < 0.9 || l.trueGoods.origins().isEmpty()) l.trueOrigin = seller.country();
            else l.trueOrigin = World.weighted(World.usualOrigins(l.trueGoods), rnd);
            l.declaredOrigin = l.trueOrigin;
            double kg = l.trueGoods.medianShipmentKg() * Math.exp(0.9 * rnd.nextGaussian()) / Math.sqrt(nItems);
            l.netKg = Math.max(Math.max(0.5, l.trueGoods.kgPerUnit()), kg);
            double usdPerKg = l.trueGoods.medianUsdPerKg() * Math.exp(l.trueGoods.priceSigma() * rnd.nextGaussian());
            l.trueUsd = Math.max(5, l.netKg * usdPerKg);
            l.declaredUsd = l.trueUsd;
            return l;
        }

        /** Applies one fraud to the declaration's lines; returns its type. */
        private String injectFraud(List<Line> lines, Line main) {
            List<Line> misclassifiable = lines.stream().filter(l -> !world.lowerDutyNeighbours(l.trueGoods).isEmpty()).toList();
            List<Line> chinese = lines.stream().filter(l -> l.trueOrigin.equals("CN") && l.trueGoods.dutyRate() > 0).toList();
            double wUnder = 0.5;
            double wMis = misclassifiable.isEmpty() ? 0 : 0.4;
            double wOrigin = chinese.isEmpty() ? 0 : 0.3;
            double u = rnd.nextDouble() * (wUnder + wMis + wOrigin);
            if (u < wUnder) {
                double factor = 3 + 7 * rnd.nextDouble();
                if (lines.size() > 1 && rnd.nextDouble() < 0.3) lines.forEach(l -> l.declaredUsd = l.trueUsd / factor);
                else main.declaredUsd = main.trueUsd / factor;
                return GeneratedDeclaration.UNDERVALUATION;
            }
            if (u < wUnder + wMis) {
                Line l = misclassifiable.get(rnd.nextInt(misclassifiable.size()));
                List<Commodity> targets = world.lowerDutyNeighbours(l.trueGoods);
                l.declaredGoods = targets.get(rnd.nextInt(targets.size()));
                l.describeAsDeclared = rnd.nextDouble() < 0.7;
                return GeneratedDeclaration.MISCLASSIFICATION;
            }
            String laundering = ORIGIN_LAUNDERING.get(rnd.nextInt(ORIGIN_LAUNDERING.size()));
            for (Line l : chinese) l.declaredOrigin = laundering;
            return ORIGIN_TYPE;
        }

        private double dutyLossUsd(List<Line> lines) {
            double loss = 0;
            for (Line l : lines) {
                double trueDuty = l.trueUsd * appliedRate(l.trueGoods, l.trueOrigin) / 100;
                double declaredDuty = l.declaredUsd * appliedRate(l.declaredGoods, l.declaredOrigin) / 100;
                loss += Math.max(0, trueDuty - declaredDuty);
            }
            return loss;
        }

        private GoodsItem item(int seq, Line l, String currency) {
            Commodity c = l.declaredGoods;
            BigDecimal net = BigDecimal.valueOf(l.netKg).setScale(l.netKg < 10 ? 3 : 1, RoundingMode.HALF_UP);
            BigDecimal gross = BigDecimal.valueOf(l.netKg * (1.02 + 0.13 * rnd.nextDouble()))
                    .setScale(net.scale(), RoundingMode.UP).max(net);
            Quantity quantity = quantity(c, l.netKg, net);
            Money stat = money(l.declaredUsd, currency);
            Money customs = money(l.declaredUsd * (1.03 + 0.05 * rnd.nextDouble()), "KRW");
            boolean laundered = !l.declaredOrigin.equals(l.trueOrigin); // the point of a false origin is the preference
            boolean fta = World.ftaTaxType(l.declaredOrigin) != null && (rnd.nextDouble() < 0.7 || laundered);
            String taxType = fta ? World.ftaTaxType(l.declaredOrigin) : (rnd.nextDouble() < 0.8 ? "A" : "C");
            double rate = fta ? ftaRate(c, l.declaredOrigin) : c.dutyRate();
            List<AdditionalInformation> info = List.of(
                    new AdditionalInformation(TAX_RATE, BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString()),
                    new AdditionalInformation(TAX_TYPE, taxType),
                    new AdditionalInformation(ORIGIN_INDICATOR, World.weighted(ORIGIN_INDICATORS, rnd)),
                    new AdditionalInformation(PAYMENT_TYPE, World.weighted(PAYMENT_TYPES, rnd)));
            String description = l.describeAsDeclared || l.declaredGoods == l.trueGoods ? c.description() : l.trueGoods.description();
            return new GoodsItem(seq, description, c.hs6(), l.declaredOrigin, fta ? l.declaredOrigin : null, quantity, net, gross,
                    stat, customs, "1", "4000", List.of(), fta ? "300" : "100", List.of(), List.of(), List.of(), info);
        }

        private Quantity quantity(Commodity c, double kg, BigDecimal net) {
            if ("KGM".equals(c.unit())) return new Quantity(net, "KGM");
            long units = Math.max(1, Math.round(kg / c.kgPerUnit()));
            return new Quantity(BigDecimal.valueOf(units), c.unit());
        }

        private Money money(double usd, String currency) {
            double amount = usd * World.USD_RATE.get(currency);
            int scale = currency.equals("JPY") || currency.equals("KRW") ? 0 : 2;
            BigDecimal v = BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_UP);
            if (v.signum() <= 0) v = BigDecimal.ONE.setScale(scale);
            return new Money(v, currency);
        }

        private Money invoiceTotal(List<GoodsItem> items, String currency) {
            BigDecimal sum = items.stream().map(i -> i.statisticalValue().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Money(sum, currency);
        }

        private Transport transport(List<Line> lines, String departure) {
            double kg = lines.stream().mapToDouble(l -> l.netKg).sum();
            double usd = lines.stream().mapToDouble(l -> l.trueUsd).sum();
            String mode;
            if (kg < 5 && rnd.nextDouble() < 0.5) mode = "5";
            else if (usd / kg > 150 || kg < 150) mode = rnd.nextDouble() < 0.9 ? "4" : "1";
            else mode = rnd.nextDouble() < 0.93 ? "1" : "4";
            return switch (mode) {
                case "1" -> new Transport("1", "3", World.weighted(FLAGS, rnd), "IMO9" + digits(6), "11", null, null, departure, "1");
                case "4" -> {
                    String nat = rnd.nextBoolean() ? "KR" : departure;
                    yield new Transport("4", "3", nat, airline(nat) + digits(3), "41", null, "KRICN", departure, "0");
                }
                default -> new Transport("5", null, null, null, null, null, null, departure, "0");
            };
        }

        private String office(String mode) {
            return switch (mode) {
                case "4" -> rnd.nextDouble() < 0.85 ? "40" : "10";
                case "5" -> "10";
                default -> World.weighted(SEA_OFFICES, rnd);
            };
        }

        private String deliveryTerms() {
            return World.weighted(INCOTERMS, rnd);
        }

        private String digits(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            return sb.toString();
        }
    }

    private static final String ORIGIN_TYPE = GeneratedDeclaration.ORIGIN;
    private static final Map<String, Integer> FLAGS = World.ordered("PA", 30, "LR", 20, "MH", 15, "KR", 15, "SG", 10, "HK", 10);
    private static final Map<String, Integer> SEA_OFFICES = World.ordered("30", 50, "20", 30, "16", 20);
    private static final Map<String, Integer> INCOTERMS = World.ordered("FOB", 40, "CIF", 30, "CFR", 10, "EXW", 10, "DAP", 10);
    private static final Map<String, Integer> ORIGIN_INDICATORS = World.ordered("E", 28, "G", 23, "Y", 22, "B", 15, "S", 12);
    private static final Map<String, Integer> PAYMENT_TYPES = World.ordered("11", 70, "43", 18, "14", 6, "18", 6);

    private static String airline(String nationality) {
        return switch (nationality) {
            case "KR" -> "KE";
            case "CN" -> "CA";
            case "JP" -> "NH";
            case "US" -> "UA";
            case "DE" -> "LH";
            case "VN" -> "VN";
            case "HK" -> "CX";
            case "SG" -> "SQ";
            default -> "OZ";
        };
    }

    private static double chapterRisk(String chapter) {
        if (HIGH_RISK_CHAPTERS.contains(chapter)) return 1.7;
        if (LOW_RISK_CHAPTERS.contains(chapter)) return 0.6;
        return 1.0;
    }

    private static double originRisk(String origin, String sellerCountry) {
        if (sellerCountry.equals("HK") || sellerCountry.equals("SG")) return 1.5;
        return switch (origin) {
            case "CN" -> 1.5;
            case "VN" -> 1.2;
            case "US", "JP", "DE", "GB", "FR" -> 0.6;
            default -> 1.0;
        };
    }

    /** Preferential rate under the FTA with this origin: Chinese goods are still being phased down. */
    static double ftaRate(Commodity c, String origin) {
        return "CN".equals(origin) ? Math.floor(c.dutyRate() * 4) / 10 : 0;
    }

    /** The duty rate that applies to goods of this origin when preference is claimed where possible. */
    static double appliedRate(Commodity c, String origin) {
        return World.ftaTaxType(origin) != null ? ftaRate(c, origin) : c.dutyRate();
    }
}
