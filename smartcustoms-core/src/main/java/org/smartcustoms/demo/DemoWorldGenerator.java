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
import org.smartcustoms.declaration.DocumentRef;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.tariff.AssessmentPolicy;
import org.smartcustoms.tariff.DemoTariff;
import org.smartcustoms.tariff.ExchangeRates;

/**
 * Generates a believable, labelled import trade for demos, tests and benchmarks when real declarations
 * cannot be shared: importers into "Demo Customs", a Japan-like administration, with stable behaviour (mostly
 * honest, a few risky, some AEO certified), their customs brokers and foreign suppliers, the offices of
 * {@code World.OFFICES} (sea ports, airports, an international post office), per-commodity log-normal unit prices, and injected
 * fraud (undervaluation, misclassification to a lower-duty neighbour, origin misdeclaration) whose
 * propensity depends on importer, commodity and origin, so that a risk model has something to learn.
 *
 * <p>Output is a pure function of the constructor arguments, the count and the seed. Every declaration
 * passes {@link org.smartcustoms.declaration.DeclarationValidator} (with a clock at or after the end
 * date). Declarations come in date order, spread over the period with a weekly pattern (few on weekends) and a
 * seasonal one (quiet New Year, Golden Week and Obon; busy autumn). Item additional information carries the
 * national elements TAX_RATE (applied duty rate), TAX_TYPE (MFN or the agreement claimed), ORIGIN_INDICATOR and
 * PAYMENT_TYPE; customs values are in JPY at the demo tariff's exchange rate of the declaration date, and
 * preferences under CPTPP, RCEP and the Japan-EU EPA are claimed with a proof of origin document
 * ({@code POO}), as the demo tariff requires.
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

        final LocalDate[] dayOf;

        Run(World world, Random rnd, int total) {
            this.world = world;
            this.rnd = rnd;
            this.total = total;
            this.lrnOffset = rnd.nextInt(MAX_DECLARATIONS);
            this.dayOf = days();
        }

        /** The date of each declaration index: quantiles of the day weights, so dates are sorted and follow the pattern. */
        private LocalDate[] days() {
            LocalDate first = endDate.minusDays(days - 1L);
            double[] cumulative = new double[days];
            double sum = 0;
            for (int d = 0; d < days; d++) {
                sum += dayWeight(first.plusDays(d));
                cumulative[d] = sum;
            }
            LocalDate[] out = new LocalDate[Math.min(total, 1_000_000)];
            int d = 0;
            for (int i = 0; i < out.length; i++) {
                double q = (i + 0.5) / out.length * sum;
                while (d < days - 1 && cumulative[d] < q) d++;
                out[i] = first.plusDays(d);
            }
            return out;
        }

        LocalDate dateOf(int index) {
            if (total <= dayOf.length) return dayOf[index];
            return endDate.minusDays(days - 1L).plusDays((long) index * days / total); // very large runs: uniform
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
            LocalDate date = dateOf(index);
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
            World.Office office = office(lines);
            Transport transport = transport(office, departure);

            List<GoodsItem> items = new ArrayList<>();
            for (int k = 0; k < lines.size(); k++) items.add(item(k + 1, lines.get(k), seller.currency(), date));
            Money invoice = invoiceTotal(items, seller.currency());

            List<Party> parties = new ArrayList<>();
            if (imp.broker() != null) parties.add(new Party(PartyRole.DECLARANT, imp.broker().id(), imp.broker().name(), "JP"));
            else parties.add(new Party(PartyRole.DECLARANT, imp.id(), imp.name(), "JP"));
            parties.add(new Party(PartyRole.IMPORTER, imp.id(), imp.name(), "JP"));
            parties.add(new Party(PartyRole.SELLER, seller.id(), seller.name(), seller.country()));
            if (imp.profile() == World.Profile.AEO) parties.add(new Party(PartyRole.AUTHORISATION_HOLDER, imp.id(), null, "JP", "AEOF"));

            Declaration d = new Declaration(FunctionCode.ORIGINAL, lrn, new DeclarationType("IM", "A"), office.id(), date,
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

        private GoodsItem item(int seq, Line l, String currency, LocalDate date) {
            Commodity c = l.declaredGoods;
            BigDecimal net = BigDecimal.valueOf(l.netKg).setScale(l.netKg < 10 ? 3 : 1, RoundingMode.HALF_UP);
            BigDecimal gross = BigDecimal.valueOf(l.netKg * (1.02 + 0.13 * rnd.nextDouble()))
                    .setScale(net.scale(), RoundingMode.UP).max(net);
            Quantity quantity = quantity(c, l.netKg, net);
            Money stat = money(l.declaredUsd, currency, date);
            Money customs = money(l.declaredUsd * (1.03 + 0.05 * rnd.nextDouble()), "JPY", date);
            boolean laundered = !l.declaredOrigin.equals(l.trueOrigin); // the point of a false origin is the preference
            String agreement = World.agreementFor(l.declaredOrigin);
            boolean fta = agreement != null && c.dutyRate() > 0 && (rnd.nextDouble() < 0.8 || laundered);
            String taxType = fta ? agreement : "MFN";
            double rate = fta ? ftaRate(c, l.declaredOrigin) : c.dutyRate();
            List<AdditionalInformation> info = List.of(
                    new AdditionalInformation(TAX_RATE, BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString()),
                    new AdditionalInformation(TAX_TYPE, taxType),
                    new AdditionalInformation(ORIGIN_INDICATOR, World.weighted(ORIGIN_INDICATORS, rnd)),
                    new AdditionalInformation(PAYMENT_TYPE, World.weighted(PAYMENT_TYPES, rnd)));
            String description = l.describeAsDeclared || l.declaredGoods == l.trueGoods ? c.description() : l.trueGoods.description();
            List<DocumentRef> proof = fta ? List.of(new DocumentRef("N", AssessmentPolicy.GENERIC_PROOF_OF_ORIGIN,
                    agreement + "-" + digits(8))) : List.of();
            return new GoodsItem(seq, description, c.hs6(), l.declaredOrigin, fta ? l.declaredOrigin : null, quantity, net, gross,
                    stat, customs, "1", "4000", List.of(), fta ? "300" : "100", List.of(), proof, List.of(), info);
        }

        private Quantity quantity(Commodity c, double kg, BigDecimal net) {
            if ("KGM".equals(c.unit())) return new Quantity(net, "KGM");
            long units = Math.max(1, Math.round(kg / c.kgPerUnit()));
            return new Quantity(BigDecimal.valueOf(units), c.unit());
        }

        private Money money(double usd, String currency, LocalDate date) {
            ExchangeRates fx = DemoTariff.shared().exchangeRates();
            double jpy = usd * fx.rate("USD", date).doubleValue();
            double amount = "JPY".equals(currency) ? jpy : jpy / fx.rate(currency, date).doubleValue();
            int scale = Set.of("JPY", "KRW", "VND", "IDR", "CLP").contains(currency) ? 0 : 2;
            BigDecimal v = BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_UP);
            if (v.signum() <= 0) v = BigDecimal.ONE.setScale(scale);
            return new Money(v, currency);
        }

        private Money invoiceTotal(List<GoodsItem> items, String currency) {
            BigDecimal sum = items.stream().map(i -> i.statisticalValue().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Money(sum, currency);
        }

        /** Small parcels go by post, light or valuable goods by air, the rest by sea; offices by their share of traffic. */
        private World.Office office(List<Line> lines) {
            double kg = lines.stream().mapToDouble(l -> l.netKg).sum();
            double usd = lines.stream().mapToDouble(l -> l.trueUsd).sum();
            World.Office.Kind kind;
            if (kg < 5 && rnd.nextDouble() < 0.5) kind = World.Office.Kind.POST;
            else if (usd / kg > 150 || kg < 150) kind = rnd.nextDouble() < 0.9 ? World.Office.Kind.AIR : World.Office.Kind.SEA;
            else kind = rnd.nextDouble() < 0.93 ? World.Office.Kind.SEA : World.Office.Kind.AIR;
            Map<String, Integer> shares = switch (kind) {
                case SEA -> SEA_OFFICES;
                case AIR -> AIR_OFFICES;
                case POST -> POST_OFFICES;
            };
            String id = World.weighted(shares, rnd);
            return World.OFFICES.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
        }

        private Transport transport(World.Office office, String departure) {
            return switch (office.kind()) {
                case SEA -> new Transport("1", "3", World.weighted(FLAGS, rnd), "IMO9" + digits(6), "11", null, office.locode(), departure, "1");
                case AIR -> {
                    String nat = rnd.nextBoolean() ? "JP" : departure;
                    yield new Transport("4", "3", nat, airline(nat) + digits(3), "41", null, office.locode(), departure, "0");
                }
                case POST -> new Transport("5", null, null, null, null, null, office.locode(), departure, "0");
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
    private static final Map<String, Integer> FLAGS = World.ordered("PA", 30, "LR", 20, "MH", 15, "JP", 15, "SG", 10, "HK", 10);
    private static final Map<String, Integer> SEA_OFFICES = World.ordered("JPTYO100", 30, "JPYOK100", 22, "JPNGO100", 18,
            "JPOSA100", 12, "JPUKB100", 12, "JPHKT100", 6);
    private static final Map<String, Integer> AIR_OFFICES = World.ordered("JPNRT200", 55, "JPKIX200", 30, "JPHND200", 15);
    private static final Map<String, Integer> POST_OFFICES = World.ordered("JPTYO300", 1);
    private static final Map<String, Integer> INCOTERMS = World.ordered("FOB", 40, "CIF", 30, "CFR", 10, "EXW", 10, "DAP", 10);
    private static final Map<String, Integer> ORIGIN_INDICATORS = World.ordered("E", 28, "G", 23, "Y", 22, "B", 15, "S", 12);
    private static final Map<String, Integer> PAYMENT_TYPES = World.ordered("11", 70, "43", 18, "14", 6, "18", 6);

    private static String airline(String nationality) {
        return switch (nationality) {
            case "JP" -> "NH";
            case "KR" -> "KE";
            case "CN" -> "CA";
            case "US" -> "UA";
            case "DE" -> "LH";
            case "VN" -> "VN";
            case "HK" -> "CX";
            case "SG" -> "SQ";
            default -> "JL";
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

    /**
     * Indicative preferential rate for this origin: RCEP reductions for China and Korea are still being phased in
     * (about 60% of MFN), the other partners' goods are mostly free.
     */
    static double ftaRate(Commodity c, String origin) {
        return "CN".equals(origin) || "KR".equals(origin) ? Math.round(c.dutyRate() * 6) / 10.0 : 0;
    }

    /** The duty rate that applies to goods of this origin when preference is claimed where possible. */
    static double appliedRate(Commodity c, String origin) {
        return World.agreementFor(origin) != null ? ftaRate(c, origin) : c.dutyRate();
    }

    /**
     * How busy a day is: weekdays 1, Saturday 0.3, Sunday 0.12; New Year (29 Dec - 3 Jan) 0.15, Golden Week
     * (29 Apr - 5 May) 0.45, Obon (13 - 16 Aug) 0.5; a seasonal swell of +-18% peaking in late October.
     */
    static double dayWeight(LocalDate d) {
        double w = switch (d.getDayOfWeek()) {
            case SATURDAY -> 0.3;
            case SUNDAY -> 0.12;
            default -> 1.0;
        };
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        if ((m == 12 && day >= 29) || (m == 1 && day <= 3)) w *= 0.15;
        else if ((m == 4 && day >= 29) || (m == 5 && day <= 5)) w *= 0.45;
        else if (m == 8 && day >= 13 && day <= 16) w *= 0.5;
        return w * (1 + 0.18 * Math.cos(2 * Math.PI * (d.getDayOfYear() - 298) / 365.0));
    }
}
