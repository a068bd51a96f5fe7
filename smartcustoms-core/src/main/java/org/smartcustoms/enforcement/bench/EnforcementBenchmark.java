package org.smartcustoms.enforcement.bench;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.enforcement.CommodityCategory;
import org.smartcustoms.enforcement.EnforcementIndex;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.SearchIndex;
import org.smartcustoms.risk.bench.RiskBenchmark;

/**
 * Generated enforcement database ({@code seizures}, {@code persons}, {@code companies}; every seizure linked to one
 * to three of them) in the core structures the server uses: full-text search p99 ({@link SearchIndex}, every record),
 * 3-hop link expansion p99 over the links held in memory (compact int arrays) and, when the caller gives one, through
 * the caller's expansion (the server's SQL store, as the API expands), and the cost the targeting index ({@link
 * EnforcementIndex}, holding the persons and companies linked to a seizure, as the server's does) adds to each
 * declaration the risk engine scores (the risk benchmark's generated declarations, 5 % of the companies carrying a
 * declaring trader's id). Records are generated as a stream (names are a function of the number; only int arrays of
 * links are kept), and handed to a {@link Sink} for a store to load.
 */
public final class EnforcementBenchmark {
    private EnforcementBenchmark() { }

    /** Where the generated records also go (e.g. a database load); {@link #close} is called once all are generated. */
    public interface Sink extends AutoCloseable {
        void company(String id, String name, String partyId);

        void person(String id, String name);

        /** A seizure and the persons/companies linked to it (role {@code IMPORTER} for companies, {@code OFFENDER} for persons). */
        void seizure(String id, LocalDate date, String goods, String concealment, int kilograms, CommodityCategory category, List<EntityRef> involved);

        @Override
        default void close() { }

        Sink NONE = new Sink() {
            @Override public void company(String id, String name, String partyId) { }
            @Override public void person(String id, String name) { }
            @Override public void seizure(String id, LocalDate date, String goods, String concealment, int kilograms,
                                          CommodityCategory category, List<EntityRef> involved) { }
        };
    }

    /** Another way to expand a node 3 hops (at most 300 nodes); answers the number of nodes reached. */
    @FunctionalInterface
    public interface Expansion {
        int expand(EntityRef from);
    }

    public record Result(int seizures, int persons, int companies, double loadSeconds, double searchP50Ms, double searchP99Ms,
                         double graph3P50Ms, double graph3P99Ms, double graph3MeanNodes, Double sqlGraph3P50Ms, Double sqlGraph3P99Ms,
                         Double sqlGraph3MeanNodes, int linkedSubjects, double riskAddedMicrosPerDeclaration, double riskHitShare, long heapMb) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"seizures\": %d, \"persons\": %d, \"companies\": %d, \"load_s\": %.1f, "
                    + "\"search_p50_ms\": %.3f, \"search_p99_ms\": %.3f, \"graph3_p50_ms\": %.3f, \"graph3_p99_ms\": %.3f, "
                    + "\"graph3_mean_nodes\": %.1f, \"sql_graph3_p50_ms\": %s, \"sql_graph3_p99_ms\": %s, \"sql_graph3_mean_nodes\": %s, "
                    + "\"targeting_subjects\": %d, \"risk_added_us_per_declaration\": %.2f, \"risk_hit_share\": %.3f, \"heap_mb\": %d}",
                    seizures, persons, companies, loadSeconds, searchP50Ms, searchP99Ms, graph3P50Ms, graph3P99Ms, graph3MeanNodes,
                    num(sqlGraph3P50Ms, "%.3f"), num(sqlGraph3P99Ms, "%.3f"), num(sqlGraph3MeanNodes, "%.1f"), linkedSubjects,
                    riskAddedMicrosPerDeclaration, riskHitShare, heapMb);
        }

        private static String num(Double v, String f) { return v == null ? "null" : String.format(Locale.ROOT, f, v); }
    }

    private static final String[] WORDS = {"KANZEI", "NIHON", "PACIFIC", "ORIENT", "GLOBAL", "SAKURA", "DELTA", "NOVA", "ATLAS",
        "BLUE", "OCEAN", "STAR", "GOLDEN", "EAST", "WEST", "UNITED", "ROYAL", "PRIME", "ALPHA", "OMEGA", "SILVER", "RIVER"};
    private static final String[] GIVEN = {"Ivan", "Mikhail", "Kenji", "Yuki", "Maria", "Ahmed", "Li", "Carlos", "Anna", "Omar", "Hiro", "Sara"};
    private static final String[] FAMILY = {"Petrov", "Tanaka", "Suzuki", "Garcia", "Khan", "Wang", "Silva", "Novak", "Sato", "Ito", "Mendez"};
    private static final String[] GOODS = {"cocaine", "heroin", "cannabis resin", "methamphetamine", "cigarettes", "counterfeit watches",
        "ivory", "cash", "pistols", "vodka"};
    private static final String[] HIDING = {"machine parts", "false bottom", "fruit boxes", "tyres", "body carry", "furniture"};

    public static Result run(int seizures, int persons, int companies, int queries, int declarations, long seed, Consumer<String> progress) {
        return run(seizures, persons, companies, queries, declarations, seed, progress, Sink.NONE, null);
    }

    /**
     * Generates the database (into the in-memory structures and {@code sink}), then measures. {@code sqlExpansion},
     * when not null, is timed on the same start nodes as the in-memory expansion, after {@code sink} was closed.
     */
    public static Result run(int seizures, int persons, int companies, int queries, int declarations, long seed, Consumer<String> progress,
                             Sink sink, Expansion sqlExpansion) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        RiskBenchmark.Fixture fixture = RiskBenchmark.fixture(0, Math.min(declarations, 20_000), seed, null);
        List<String> declaredIds = new ArrayList<>();
        for (Declaration d : fixture.declarations()) for (Party p : d.parties()) if (p.id() != null) declaredIds.add(p.id());
        // 1. the links, as int arrays: node n < seizures is a seizure, then the companies, then the persons
        int subjects = companies + persons;
        int[] firstLink = new int[seizures + 1];
        int[] linked = new int[seizures * 3];
        int links = 0;
        for (int i = 0; i < seizures; i++) {
            firstLink[i] = links;
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                int subject = rnd.nextBoolean() ? rnd.nextInt(companies) : companies + rnd.nextInt(persons);
                boolean dup = false;
                for (int j = firstLink[i]; j < links; j++) dup |= linked[j] == subject;
                if (!dup) linked[links++] = subject;
            }
        }
        firstLink[seizures] = links;
        int[] firstSeizure = new int[subjects + 1];
        for (int j = 0; j < links; j++) firstSeizure[linked[j] + 1]++;
        for (int x = 0; x < subjects; x++) firstSeizure[x + 1] += firstSeizure[x];
        int[] seizureOf = new int[links];
        int[] fill = firstSeizure.clone();
        for (int i = 0; i < seizures; i++) for (int j = firstLink[i]; j < firstLink[i + 1]; j++) seizureOf[fill[linked[j]]++] = i;
        fill = null;
        progress.accept(links + " links");

        EnforcementIndex targeting = new EnforcementIndex(80);
        try (SearchIndex search = new SearchIndex(); sink) {
            // 2. companies and persons: every one searchable; those linked to a seizure in the targeting index
            String[] partyIds = new String[companies];
            for (int i = 0; i < companies; i++) {
                String name = companyName(i, seed);
                // 5 % of the companies are traders who also declare (their trader id is on the generated declarations)
                String partyId = rnd.nextInt(20) == 0 && !declaredIds.isEmpty() ? declaredIds.get(rnd.nextInt(declaredIds.size())) : "XX" + i;
                partyIds[i] = partyId;
                EntityRef ref = company(i);
                if (firstSeizure[i + 1] > firstSeizure[i]) targeting.putSubject(ref, name, partyId);
                search.put(ref, name, List.of(name), partyId);
                sink.company(ref.id(), name, partyId);
            }
            progress.accept(companies + " companies");
            for (int i = 0; i < persons; i++) {
                String name = personName(i, seed);
                EntityRef ref = person(i);
                if (firstSeizure[companies + i + 1] > firstSeizure[companies + i]) targeting.putSubject(ref, name, null);
                search.put(ref, name, List.of(name), "");
                sink.person(ref.id(), name);
            }
            progress.accept(persons + " persons");
            // 3. seizures, linked to their subjects
            LocalDate start = LocalDate.of(2020, 1, 1);
            for (int i = 0; i < seizures; i++) {
                String id = seizureId(i);
                EntityRef s = new EntityRef(EntityType.SEIZURE, id);
                String goods = GOODS[rnd.nextInt(GOODS.length)];
                String hiding = HIDING[rnd.nextInt(HIDING.length)];
                LocalDate date = start.plusDays(rnd.nextInt(2190));
                int kg = 1 + rnd.nextInt(50);
                String summary = kg + " kg " + goods + " in " + hiding + ", " + date.toString().substring(0, 7);
                CommodityCategory category = CommodityCategory.infer(goods);
                EnforcementIndex.SeizureFact fact = new EnforcementIndex.SeizureFact(id, summary, date, category);
                List<EntityRef> involved = new ArrayList<>(3);
                for (int j = firstLink[i]; j < firstLink[i + 1]; j++) {
                    EntityRef subject = subjectRef(linked[j], companies);
                    targeting.linkSeizure(subject, fact);
                    involved.add(subject);
                }
                search.put(s, id + " · " + summary, List.of(), goods + " " + hiding + " " + id);
                sink.seizure(id, date, goods, hiding, kg, category, involved);
                if ((i + 1) % 200_000 == 0) progress.accept((i + 1) + " seizures");
            }
            search.refresh();
            sink.close();
            double load = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(Locale.ROOT, "loaded in %.1f s", load));

            // search: a name with a typo, or goods words
            Set<EntityType> all = EnumSet.of(EntityType.SEIZURE, EntityType.PERSON, EntityType.COMPANY, EntityType.SUSPICION);
            double[] searchMs = new double[queries];
            for (int w = 0; w < Math.min(200, queries); w++) search.search(GOODS[w % GOODS.length], 20, all);
            for (int q = 0; q < queries; q++) {
                String text = switch (q % 3) {
                    case 0 -> typo(companyName(rnd.nextInt(companies), seed), rnd);
                    case 1 -> typo(personName(rnd.nextInt(persons), seed), rnd);
                    default -> GOODS[rnd.nextInt(GOODS.length)] + " " + HIDING[rnd.nextInt(HIDING.length)];
                };
                long a = System.nanoTime();
                search.search(text, 20, all);
                searchMs[q] = (System.nanoTime() - a) / 1e6;
            }
            progress.accept("search timed");

            // 3-hop expansion from random seizures: in memory, then (when given) the caller's expansion on the same nodes
            int[] from = new int[queries];
            for (int q = 0; q < queries; q++) from[q] = (int) ((q * 7919L) % seizures);
            double[] graphMs = new double[queries];
            long nodes = 0;
            for (int q = 0; q < queries; q++) {
                long a = System.nanoTime();
                nodes += expand(from[q], seizures, firstLink, linked, firstSeizure, seizureOf, 3, 300);
                graphMs[q] = (System.nanoTime() - a) / 1e6;
            }
            Double sqlP50 = null;
            Double sqlP99 = null;
            Double sqlNodes = null;
            if (sqlExpansion != null) {
                for (int w = 0; w < Math.min(50, queries); w++) sqlExpansion.expand(seizureRef((int) ((w * 104729L) % seizures)));
                double[] sqlMs = new double[queries];
                long sqlReached = 0;
                for (int q = 0; q < queries; q++) {
                    long a = System.nanoTime();
                    sqlReached += sqlExpansion.expand(seizureRef(from[q]));
                    sqlMs[q] = (System.nanoTime() - a) / 1e6;
                }
                sqlP50 = pct(sqlMs, 50);
                sqlP99 = pct(sqlMs, 99);
                sqlNodes = (double) sqlReached / queries;
            }
            progress.accept("expansion timed");

            // added risk cost per declaration: the evidence look-up alone, after a warm-up
            List<Declaration> pool = fixture.declarations();
            long hits = 0;
            for (int i = 0; i < Math.min(50_000, declarations); i++) targeting.evidence(pool.get(i % pool.size()));
            long a = System.nanoTime();
            for (int i = 0; i < declarations; i++) if (!targeting.evidence(pool.get(i % pool.size())).isEmpty()) hits++;
            double micros = (System.nanoTime() - a) / 1e3 / declarations;
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            return new Result(seizures, persons, companies, load, pct(searchMs, 50), pct(searchMs, 99), pct(graphMs, 50),
                    pct(graphMs, 99), (double) nodes / queries, sqlP50, sqlP99, sqlNodes, targeting.subjectCount(), micros,
                    (double) hits / declarations, heap);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The id of the {@code i}-th generated seizure, as the sink received it. */
    public static EntityRef seizureRef(int i) { return new EntityRef(EntityType.SEIZURE, seizureId(i)); }

    private static String seizureId(int i) { return String.format(Locale.ROOT, "S-%04d-%04d", 2020 + i % 6, i + 1); }

    private static EntityRef company(int i) { return new EntityRef(EntityType.COMPANY, String.format(Locale.ROOT, "C-%06d", i + 1)); }

    private static EntityRef person(int i) { return new EntityRef(EntityType.PERSON, String.format(Locale.ROOT, "P-%06d", i + 1)); }

    private static EntityRef subjectRef(int subject, int companies) {
        return subject < companies ? company(subject) : person(subject - companies);
    }

    /** Names are a function of the number (nothing kept in memory); the number makes each unique, as real names nearly are. */
    static String companyName(int i, long seed) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + i);
        return WORDS[(int) Long.remainderUnsigned(h, WORDS.length)] + " " + WORDS[(int) Long.remainderUnsigned(h >>> 20, WORDS.length)]
                + " TRADING " + i + " LLC";
    }

    static String personName(int i, long seed) {
        long h = mix(seed * 0xC2B2AE3D27D4EB4FL + i);
        return GIVEN[(int) Long.remainderUnsigned(h, GIVEN.length)] + " " + FAMILY[(int) Long.remainderUnsigned(h >>> 20, FAMILY.length)] + " " + i;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Breadth-first over the int arrays (node < seizures: a seizure; else a subject, offset by {@code seizures}). */
    private static int expand(int seizure, int seizures, int[] firstLink, int[] linked, int[] firstSeizure, int[] seizureOf, int depth, int max) {
        Set<Integer> seen = new HashSet<>();
        seen.add(seizure);
        ArrayDeque<Integer> frontier = new ArrayDeque<>(List.of(seizure));
        for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
            ArrayDeque<Integer> next = new ArrayDeque<>();
            for (int e : frontier) {
                int lo;
                int hi;
                int[] to;
                int shift;
                if (e < seizures) {
                    lo = firstLink[e];
                    hi = firstLink[e + 1];
                    to = linked;
                    shift = seizures;
                } else {
                    lo = firstSeizure[e - seizures];
                    hi = firstSeizure[e - seizures + 1];
                    to = seizureOf;
                    shift = 0;
                }
                for (int j = lo; j < hi; j++) {
                    if (seen.size() >= max) return seen.size();
                    int o = to[j] + shift;
                    if (seen.add(o)) next.add(o);
                }
            }
            frontier = next;
        }
        return seen.size();
    }

    private static String typo(String name, SplittableRandom rnd) {
        char[] c = name.toCharArray();
        int i = 1 + rnd.nextInt(Math.max(1, Math.min(5, c.length - 2)));
        if (Character.isLetter(c[i])) c[i] = (char) ('a' + rnd.nextInt(26));
        return new String(c);
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

}
