package org.smartcustoms.risk.watchlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.risk.Threat;

/**
 * Deductive screening: listed traders and targeted commodities. Immutable and thread-safe; build a new
 * list to change it. Party ids are matched exactly; names through {@link NameNormalizer} (exact on the
 * normalised token set, then on the spelling-folded token set, then Jaro-Winkler at or above
 * {@code fuzzyThreshold} against entries sharing a rare-enough token), so screening a declaration costs a
 * few hash look-ups, not a scan of the list.
 */
public final class WatchList {
    /** Default Jaro-Winkler threshold for fuzzy name hits. */
    public static final double DEFAULT_FUZZY_THRESHOLD = 0.92;
    private static final int MAX_POSTING = 256;

    private final List<PartyEntry> parties;
    private final List<CommodityTarget> commodities;
    private final double fuzzyThreshold;
    private final Map<String, List<PartyEntry>> byId = new HashMap<>();
    private final Map<String, List<NameKey>> byTokenSet = new HashMap<>();
    private final Map<String, List<NameKey>> byFolded = new HashMap<>();
    private final Map<String, List<NameKey>> byToken = new HashMap<>();
    private final Map<String, List<CommodityTarget>> byHsPrefix = new HashMap<>();
    private final boolean[] prefixLengths = new boolean[11];

    private record NameKey(PartyEntry entry, String field, String listed, String folded) { }

    public WatchList(Collection<PartyEntry> parties, Collection<CommodityTarget> commodities, double fuzzyThreshold) {
        if (!(fuzzyThreshold > 0 && fuzzyThreshold <= 1)) {
            throw new IllegalArgumentException("fuzzyThreshold must be in (0,1]: " + fuzzyThreshold);
        }
        this.parties = List.copyOf(parties);
        this.commodities = List.copyOf(commodities);
        this.fuzzyThreshold = fuzzyThreshold;
        for (PartyEntry e : this.parties) {
            if (e.partyId() != null) byId.computeIfAbsent(e.partyId(), k -> new ArrayList<>(1)).add(e);
            if (e.name() != null) indexName(e, "name", e.name());
            for (String a : e.aliases()) indexName(e, "alias", a);
        }
        for (CommodityTarget t : this.commodities) {
            byHsPrefix.computeIfAbsent(t.hsPrefix(), k -> new ArrayList<>(1)).add(t);
            prefixLengths[t.hsPrefix().length()] = true;
        }
    }

    public WatchList(Collection<PartyEntry> parties, Collection<CommodityTarget> commodities) {
        this(parties, commodities, DEFAULT_FUZZY_THRESHOLD);
    }

    public static WatchList empty() {
        return new WatchList(List.of(), List.of());
    }

    public List<PartyEntry> parties() { return parties; }
    public List<CommodityTarget> commodities() { return commodities; }

    private void indexName(PartyEntry e, String field, String listed) {
        String norm = NameNormalizer.normalize(listed);
        if (norm.isEmpty()) return;
        String tokenSet = NameNormalizer.tokenSet(norm);
        String folded = NameNormalizer.tokenSet(NameNormalizer.fold(norm));
        NameKey key = new NameKey(e, field, listed, folded);
        byTokenSet.computeIfAbsent(tokenSet, k -> new ArrayList<>(1)).add(key);
        byFolded.computeIfAbsent(folded, k -> new ArrayList<>(1)).add(key);
        for (String t : folded.split(" ")) byToken.computeIfAbsent(t, k -> new ArrayList<>(2)).add(key);
    }

    /** All hits for the declaration's parties and items, valid on its declaration date. */
    public List<WatchListHit> screen(Declaration d) {
        LocalDate date = d.declarationDate();
        List<WatchListHit> hits = new ArrayList<>(0);
        for (Party p : d.parties()) screenParty(p, date, hits);
        if (!byHsPrefix.isEmpty()) {
            for (GoodsItem item : d.items()) screenItem(item, date, hits);
        }
        return hits;
    }

    /** Hits for one party (by id and name). */
    public List<WatchListHit> screen(Party p, LocalDate date) {
        List<WatchListHit> hits = new ArrayList<>(0);
        screenParty(p, date, hits);
        return hits;
    }

    private void screenParty(Party p, LocalDate date, List<WatchListHit> out) {
        Set<String> matched = null;
        if (p.id() != null) {
            List<PartyEntry> es = byId.get(p.id());
            if (es != null) {
                for (PartyEntry e : es) {
                    if (!e.validOn(date)) continue;
                    out.add(new WatchListHit(e.entryId(), MatchMethod.EXACT_ID, "party id", e.partyId(), p.id(),
                            p.role(), 0, 1, Threat.SECURITY, e.reason(), e.source()));
                    if (matched == null) matched = new HashSet<>();
                    matched.add(e.entryId());
                }
            }
        }
        if (p.name() == null || byToken.isEmpty()) return;
        NameCandidates c = candidates(p.name());
        if (c.exact() != null) {
            for (NameKey k : c.exact()) {
                if (!k.entry().validOn(date) || (matched != null && matched.contains(k.entry().entryId()))) continue;
                out.add(new WatchListHit(k.entry().entryId(), MatchMethod.NAME_NORMALIZED, k.field(), k.listed(),
                        p.name(), p.role(), 0, 1, Threat.SECURITY, k.entry().reason(), k.entry().source()));
                if (matched == null) matched = new HashSet<>();
                matched.add(k.entry().entryId());
            }
            return;
        }
        Map<String, NameKey> best = null;
        Map<String, Double> bestSim = null;
        for (int i = 0; i < c.fuzzy().size(); i++) {
            NameKey k = c.fuzzy().get(i);
            double sim = c.similarity()[i];
            if ((matched != null && matched.contains(k.entry().entryId())) || !k.entry().validOn(date)) continue;
            if (best == null) {
                best = new HashMap<>();
                bestSim = new HashMap<>();
            }
            Double prior = bestSim.get(k.entry().entryId());
            if (prior == null || prior < sim) {
                best.put(k.entry().entryId(), k);
                bestSim.put(k.entry().entryId(), sim);
            }
        }
        if (best == null) return;
        for (Map.Entry<String, NameKey> e : best.entrySet()) {
            NameKey k = e.getValue();
            out.add(new WatchListHit(k.entry().entryId(), MatchMethod.NAME_FUZZY, k.field(), k.listed(), p.name(),
                    p.role(), 0, bestSim.get(e.getKey()), Threat.SECURITY, k.entry().reason(), k.entry().source()));
        }
    }

    /**
     * What a declared name matches in this list, whatever the date: the listed names equal after
     * normalisation ({@code exact}, null when none) or else every listed name at least {@code fuzzyThreshold}
     * similar, with its similarity. Validity periods and id hits are applied by the caller.
     */
    private record NameCandidates(List<NameKey> exact, List<NameKey> fuzzy, double[] similarity) { }

    private static final NameCandidates NOTHING = new NameCandidates(null, List.of(), new double[0]);

    /**
     * Declared names recur (the same traders declare every day), and normalising and fuzzy-matching a name is
     * most of the screening cost, so answers are remembered per name for this list (which is immutable: a
     * changed list is a new instance with an empty memory). Bounded: cleared when it reaches the limit.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, NameCandidates> nameMemory =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Names remembered at most (0 would turn the memory off). */
    static final int NAME_MEMORY_LIMIT = 200_000;

    private NameCandidates candidates(String name) {
        if (NAME_MEMORY_LIMIT <= 0) return match(name);
        NameCandidates c = nameMemory.get(name);
        if (c != null) return c;
        c = match(name);
        if (nameMemory.size() >= NAME_MEMORY_LIMIT) nameMemory.clear();
        nameMemory.put(name, c);
        return c;
    }

    private NameCandidates match(String name) {
        String norm = NameNormalizer.normalize(name);
        if (norm.isEmpty()) return NOTHING;
        String tokenSet = NameNormalizer.tokenSet(norm);
        String folded = NameNormalizer.tokenSet(NameNormalizer.fold(norm));
        List<NameKey> exact = byTokenSet.get(tokenSet);
        if (exact == null) exact = byFolded.get(folded);
        if (exact != null) return new NameCandidates(List.copyOf(exact), List.of(), new double[0]);
        List<NameKey> fuzzy = new ArrayList<>(0);
        List<Double> sims = new ArrayList<>(0);
        java.util.Set<NameKey> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (String t : NameNormalizer.splitOnSpace(folded)) {
            List<NameKey> posting = byToken.get(t);
            if (posting == null || posting.size() > MAX_POSTING) continue;
            for (NameKey k : posting) {
                if (!seen.add(k)) continue;
                double sim = NameNormalizer.jaroWinkler(folded, k.folded());
                if (sim < fuzzyThreshold) continue;
                fuzzy.add(k);
                sims.add(sim);
            }
        }
        if (fuzzy.isEmpty()) return NOTHING;
        double[] similarity = new double[sims.size()];
        for (int i = 0; i < similarity.length; i++) similarity[i] = sims.get(i);
        return new NameCandidates(null, List.copyOf(fuzzy), similarity);
    }

    private void screenItem(GoodsItem item, LocalDate date, List<WatchListHit> out) {
        String hs = item.commodityCode();
        if (hs == null) return;
        for (int len = 1; len <= Math.min(10, hs.length()); len++) {
            if (!prefixLengths[len]) continue;
            List<CommodityTarget> ts = byHsPrefix.get(hs.substring(0, len));
            if (ts == null) continue;
            for (CommodityTarget t : ts) {
                if (!t.validOn(date) || (t.origin() != null && !t.origin().equals(item.originCountry()))) continue;
                String listed = "HS " + t.hsPrefix() + "*" + (t.origin() == null ? "" : " from " + t.origin())
                        + period(t);
                String declared = "HS " + hs + (item.originCountry() == null ? "" : " from " + item.originCountry());
                out.add(new WatchListHit(t.entryId(), MatchMethod.COMMODITY_TARGET, "commodity", listed, declared,
                        null, item.sequence(), 1, t.threat(), t.reason(), ""));
            }
        }
    }

    private static String period(CommodityTarget t) {
        if (t.validFrom() == null && t.validTo() == null) return "";
        return " valid " + (t.validFrom() == null ? "" : t.validFrom()) + ".." + (t.validTo() == null ? "" : t.validTo());
    }
}
