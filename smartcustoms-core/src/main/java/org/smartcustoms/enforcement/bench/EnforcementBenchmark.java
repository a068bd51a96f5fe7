package org.smartcustoms.enforcement.bench;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * to three of them) in the core structures the server uses: full-text search p99 ({@link SearchIndex}), 3-hop link
 * expansion p99 over the links held in memory (the server expands over the {@code enf_link} table instead, one
 * query per hop; that is not measured here) and the cost the targeting index ({@link EnforcementIndex}) adds to
 * each declaration the risk engine scores (the risk benchmark's generated declarations, 5 % of their parties linked
 * to seizures by trader id).
 */
public final class EnforcementBenchmark {
    private EnforcementBenchmark() { }

    public record Result(int seizures, int persons, int companies, double loadSeconds, double searchP50Ms, double searchP99Ms,
                         double graph3P50Ms, double graph3P99Ms, double graph3MeanNodes, double riskAddedMicrosPerDeclaration,
                         double riskHitShare, long heapMb) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"seizures\": %d, \"persons\": %d, \"companies\": %d, \"load_s\": %.1f, "
                    + "\"search_p50_ms\": %.3f, \"search_p99_ms\": %.3f, \"graph3_p50_ms\": %.3f, \"graph3_p99_ms\": %.3f, "
                    + "\"graph3_mean_nodes\": %.1f, \"risk_added_us_per_declaration\": %.2f, \"risk_hit_share\": %.3f, \"heap_mb\": %d}",
                    seizures, persons, companies, loadSeconds, searchP50Ms, searchP99Ms, graph3P50Ms, graph3P99Ms, graph3MeanNodes,
                    riskAddedMicrosPerDeclaration, riskHitShare, heapMb);
        }
    }

    private static final String[] WORDS = {"KANZEI", "NIHON", "PACIFIC", "ORIENT", "GLOBAL", "SAKURA", "DELTA", "NOVA", "ATLAS",
        "BLUE", "OCEAN", "STAR", "GOLDEN", "EAST", "WEST", "UNITED", "ROYAL", "PRIME", "ALPHA", "OMEGA", "SILVER", "RIVER"};
    private static final String[] GIVEN = {"Ivan", "Mikhail", "Kenji", "Yuki", "Maria", "Ahmed", "Li", "Carlos", "Anna", "Omar", "Hiro", "Sara"};
    private static final String[] FAMILY = {"Petrov", "Tanaka", "Suzuki", "Garcia", "Khan", "Wang", "Silva", "Novak", "Sato", "Ito", "Mendez"};
    private static final String[] GOODS = {"cocaine", "heroin", "cannabis resin", "methamphetamine", "cigarettes", "counterfeit watches",
        "ivory", "cash", "pistols", "vodka"};
    private static final String[] HIDING = {"machine parts", "false bottom", "fruit boxes", "tyres", "body carry", "furniture"};

    public static Result run(int seizures, int persons, int companies, int queries, int declarations, long seed, Consumer<String> progress) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        RiskBenchmark.Fixture fixture = RiskBenchmark.fixture(0, Math.min(declarations, 20_000), seed, null);
        List<String> declaredIds = new ArrayList<>();
        for (Declaration d : fixture.declarations()) for (Party p : d.parties()) if (p.id() != null) declaredIds.add(p.id());
        EnforcementIndex targeting = new EnforcementIndex(80);
        Map<EntityRef, List<EntityRef>> links = new HashMap<>();
        String[] companyNames = new String[companies];
        String[] personNames = new String[persons];
        try (SearchIndex search = new SearchIndex()) {
            for (int i = 0; i < companies; i++) {
                String name = WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)] + " TRADING " + i + " LLC";
                companyNames[i] = name;
                // 5 % of the companies are traders who also declare (their trader id is on the generated declarations)
                String partyId = rnd.nextInt(20) == 0 && !declaredIds.isEmpty() ? declaredIds.get(rnd.nextInt(declaredIds.size())) : "XX" + i;
                EntityRef ref = new EntityRef(EntityType.COMPANY, String.format(Locale.ROOT, "C-%06d", i + 1));
                targeting.putSubject(ref, name, partyId);
                search.put(ref, name, List.of(name), partyId);
            }
            progress.accept(companies + " companies");
            for (int i = 0; i < persons; i++) {
                String name = GIVEN[rnd.nextInt(GIVEN.length)] + " " + FAMILY[rnd.nextInt(FAMILY.length)] + " " + i;
                personNames[i] = name;
                EntityRef ref = new EntityRef(EntityType.PERSON, String.format(Locale.ROOT, "P-%06d", i + 1));
                targeting.putSubject(ref, name, null);
                search.put(ref, name, List.of(name), "");
            }
            progress.accept(persons + " persons");
            LocalDate start = LocalDate.of(2020, 1, 1);
            for (int i = 0; i < seizures; i++) {
                String id = String.format(Locale.ROOT, "S-%04d-%04d", 2020 + i % 6, i + 1);
                EntityRef s = new EntityRef(EntityType.SEIZURE, id);
                String goods = GOODS[rnd.nextInt(GOODS.length)];
                String hiding = HIDING[rnd.nextInt(HIDING.length)];
                LocalDate date = start.plusDays(rnd.nextInt(2190));
                String summary = (1 + rnd.nextInt(50)) + " kg " + goods + " in " + hiding + ", " + date.toString().substring(0, 7);
                EnforcementIndex.SeizureFact fact = new EnforcementIndex.SeizureFact(id, summary, date, CommodityCategory.infer(goods));
                int n = 1 + rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    EntityRef subject = rnd.nextBoolean() && companies > 0
                            ? new EntityRef(EntityType.COMPANY, String.format(Locale.ROOT, "C-%06d", 1 + rnd.nextInt(companies)))
                            : new EntityRef(EntityType.PERSON, String.format(Locale.ROOT, "P-%06d", 1 + rnd.nextInt(Math.max(1, persons))));
                    targeting.linkSeizure(subject, fact);
                    links.computeIfAbsent(subject, x -> new ArrayList<>(2)).add(s);
                    links.computeIfAbsent(s, x -> new ArrayList<>(3)).add(subject);
                }
                search.put(s, id + " · " + summary, List.of(), goods + " " + hiding + " " + id);
                if ((i + 1) % 200_000 == 0) progress.accept((i + 1) + " seizures");
            }
            search.refresh();
            double load = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(Locale.ROOT, "loaded in %.1f s", load));

            // search: a name with a typo, or goods words
            Set<EntityType> all = EnumSet.of(EntityType.SEIZURE, EntityType.PERSON, EntityType.COMPANY, EntityType.SUSPICION);
            double[] searchMs = new double[queries];
            for (int w = 0; w < Math.min(200, queries); w++) search.search(GOODS[w % GOODS.length], 20, all);
            for (int q = 0; q < queries; q++) {
                String text = switch (q % 3) {
                    case 0 -> typo(companyNames[rnd.nextInt(companies)], rnd);
                    case 1 -> typo(personNames[rnd.nextInt(Math.max(1, persons))], rnd);
                    default -> GOODS[rnd.nextInt(GOODS.length)] + " " + HIDING[rnd.nextInt(HIDING.length)];
                };
                long a = System.nanoTime();
                search.search(text, 20, all);
                searchMs[q] = (System.nanoTime() - a) / 1e6;
            }

            // 3-hop expansion from random seizures
            double[] graphMs = new double[queries];
            long nodes = 0;
            for (int q = 0; q < queries; q++) {
                EntityRef from = new EntityRef(EntityType.SEIZURE, String.format(Locale.ROOT, "S-%04d-%04d", 2020 + (q * 7919 % seizures) % 6, q * 7919 % seizures + 1));
                long a = System.nanoTime();
                nodes += expand(links, from, 3, 300);
                graphMs[q] = (System.nanoTime() - a) / 1e6;
            }

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
                    pct(graphMs, 99), (double) nodes / queries, micros, (double) hits / declarations, heap);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int expand(Map<EntityRef, List<EntityRef>> links, EntityRef from, int depth, int max) {
        Set<EntityRef> seen = new HashSet<>();
        seen.add(from);
        ArrayDeque<EntityRef> frontier = new ArrayDeque<>(List.of(from));
        for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
            ArrayDeque<EntityRef> next = new ArrayDeque<>();
            for (EntityRef e : frontier) {
                for (EntityRef o : links.getOrDefault(e, List.of())) {
                    if (seen.size() >= max) return seen.size();
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
