package org.smartcustoms.enforcement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.risk.EvidenceSource;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.watchlist.NameNormalizer;
import org.smartcustoms.risk.watchlist.WatchList;

/**
 * What the risk engine needs from the enforcement database, in memory: the persons and companies linked to past
 * seizures, found by a declaration party's id or name. Names are matched as the watch lists match them ({@link
 * NameNormalizer}: exact on the normalised token set, then on the spelling-folded token set, then Jaro-Winkler at
 * or above {@link WatchList#DEFAULT_FUZZY_THRESHOLD} against subjects sharing a token), so a declaration costs a few
 * hash look-ups. A name is not matched against a subject whose trader id differs from the party's own (another
 * registered trader of the same name is another legal entity). Changes are applied one subject or seizure at a time ({@link #putSubject}, {@link #linkSeizure});
 * nothing is rebuilt. Thread-safe; readers never lock.
 */
public final class EnforcementIndex implements EvidenceSource {
    private static final int MAX_POSTING = 256;

    /** A person or company as matched: its current name and trader id. */
    public record Subject(EntityRef ref, String name, String partyId) { }

    /** A seizure as a reason quotes it. */
    public record SeizureFact(String seizureId, String summary, java.time.LocalDate date, CommodityCategory category) { }

    private record NameKey(EntityRef ref, String folded) { }

    private final Map<EntityRef, Subject> subjects = new ConcurrentHashMap<>();
    private final Map<EntityRef, List<SeizureFact>> seizuresOf = new ConcurrentHashMap<>();
    private final Map<String, Set<EntityRef>> byPartyId = new ConcurrentHashMap<>();
    private final Map<String, Set<NameKey>> byTokenSet = new ConcurrentHashMap<>();
    private final Map<String, Set<NameKey>> byFolded = new ConcurrentHashMap<>();
    private final Map<String, Set<NameKey>> byToken = new ConcurrentHashMap<>();
    private final Map<EntityRef, NameKey[]> keysOf = new ConcurrentHashMap<>();
    private final Map<String, String> normalised = new ConcurrentHashMap<>();
    /** Declared name -> matching subjects; emptied on every change (names recur: the same traders declare daily). */
    private final Map<String, List<Match>> memory = new ConcurrentHashMap<>();
    private static final int MEMORY_LIMIT = 200_000;
    private volatile double weight;
    private final double fuzzyThreshold;

    private record Match(EntityRef ref, double similarity) { }

    public EnforcementIndex(double weight) {
        this(weight, WatchList.DEFAULT_FUZZY_THRESHOLD);
    }

    public EnforcementIndex(double weight, double fuzzyThreshold) {
        setWeight(weight);
        this.fuzzyThreshold = fuzzyThreshold;
    }

    /** The weight (0..100) of one hit, as an analyst weights a rule. */
    public double weight() { return weight; }

    public void setWeight(double w) {
        if (!(w >= 0 && w <= 100)) throw new IllegalArgumentException("weight must be in 0..100: " + w);
        this.weight = w;
    }

    public int subjectCount() { return subjects.size(); }

    /** Adds or updates a person or company (its new name and trader id replace the old ones in the index). */
    public synchronized void putSubject(EntityRef ref, String name, String partyId) {
        if (ref.type() != EntityType.PERSON && ref.type() != EntityType.COMPANY) throw new IllegalArgumentException("not a person or company: " + ref);
        Subject old = subjects.get(ref);
        if (old != null) {
            if (old.partyId() != null) removeFrom(byPartyId, old.partyId(), ref);
            NameKey[] keys = keysOf.remove(ref);
            if (keys != null) for (NameKey k : keys) unindexName(k);
        }
        Subject s = new Subject(ref, name, partyId);
        subjects.put(ref, s);
        if (partyId != null) addTo(byPartyId, partyId, ref);
        String norm = name == null ? "" : NameNormalizer.normalize(name);
        if (!norm.isEmpty()) {
            String tokenSet = NameNormalizer.tokenSet(norm);
            String folded = NameNormalizer.tokenSet(NameNormalizer.fold(norm));
            NameKey k = new NameKey(ref, folded);
            keysOf.put(ref, new NameKey[] {k});
            normalised.put(ref.toString(), tokenSet);
            addTo(byTokenSet, tokenSet, k);
            addTo(byFolded, folded, k);
            for (String t : NameNormalizer.splitOnSpace(folded)) addTo(byToken, t, k);
        }
        memory.clear();
    }

    /** Records that {@code subject} is linked to a seizure. */
    public synchronized void linkSeizure(EntityRef subject, SeizureFact fact) {
        List<SeizureFact> now = new ArrayList<>(seizuresOf.getOrDefault(subject, List.of()));
        if (now.stream().anyMatch(f -> f.seizureId().equals(fact.seizureId()))) return;
        now.add(fact);
        now.sort(Comparator.comparing(SeizureFact::date).reversed());
        seizuresOf.put(subject, List.copyOf(now));
    }

    /** The seizures a subject is linked to, newest first. */
    public List<SeizureFact> seizuresOf(EntityRef subject) { return seizuresOf.getOrDefault(subject, List.of()); }

    /** Subjects linked to at least one seizure that this party matches (by id, then name). */
    public List<Hit> match(Party p) {
        List<Hit> out = new ArrayList<>(0);
        Set<EntityRef> seen = null;
        if (p.id() != null) {
            Set<EntityRef> refs = byPartyId.get(p.id());
            if (refs != null) {
                for (EntityRef r : refs) {
                    if (!seizuresOf.containsKey(r)) continue;
                    out.add(new Hit(subjects.get(r), "trader id " + p.id(), 1));
                    if (seen == null) seen = new HashSet<>();
                    seen.add(r);
                }
            }
        }
        if (p.name() != null && !byToken.isEmpty()) {
            for (Match m : names(p.name())) {
                if ((seen != null && seen.contains(m.ref())) || !seizuresOf.containsKey(m.ref())) continue;
                Subject s = subjects.get(m.ref());
                // a different registered trader id is a different legal entity, whatever its name
                if (s == null || (p.id() != null && s.partyId() != null && !p.id().equals(s.partyId()))) continue;
                out.add(new Hit(s, m.similarity() >= 1 ? "name" : String.format(Locale.ROOT, "similar name, %.2f", m.similarity()), m.similarity()));
            }
        }
        return out;
    }

    /** A party matching a subject, and how. */
    public record Hit(Subject subject, String matchedOn, double similarity) { }

    @Override
    public List<Evidence> evidence(Declaration d) {
        if (seizuresOf.isEmpty()) return List.of();
        List<Evidence> out = null;
        Set<EntityRef> done = null;
        for (Party p : d.parties()) {
            if (p.id() == null && p.name() == null) continue;
            List<Hit> hits = match(p);
            for (Hit h : hits) {
                if (done == null) done = new HashSet<>();
                if (!done.add(h.subject().ref())) continue;
                if (out == null) out = new ArrayList<>(2);
                out.add(new Evidence(explain(p, h), weight, Threat.PROHIBITED));
            }
        }
        return out == null ? List.of() : out;
    }

    /** "importer matches KANZEI TRADING LLC, linked to seizure S-2026-0042: 12 kg cocaine in machine parts, 2026-03". */
    String explain(Party p, Hit h) {
        List<SeizureFact> facts = seizuresOf(h.subject().ref());
        SeizureFact last = facts.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(p.role().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" matches ")
                .append(h.subject().name() == null ? h.subject().ref().toString() : h.subject().name().toUpperCase(Locale.ROOT));
        if (!"name".equals(h.matchedOn())) sb.append(" (").append(h.matchedOn()).append(')');
        sb.append(", linked to seizure ").append(last.seizureId()).append(": ").append(last.summary());
        if (facts.size() > 1) sb.append(" (and ").append(facts.size() - 1).append(" earlier seizure").append(facts.size() > 2 ? "s" : "").append(')');
        return sb.toString();
    }

    private List<Match> names(String name) {
        List<Match> m = memory.get(name);
        if (m != null) return m;
        m = matchName(name);
        if (memory.size() >= MEMORY_LIMIT) memory.clear();
        memory.put(name, m);
        return m;
    }

    private List<Match> matchName(String name) {
        String norm = NameNormalizer.normalize(name);
        if (norm.isEmpty()) return List.of();
        String tokenSet = NameNormalizer.tokenSet(norm);
        String folded = NameNormalizer.tokenSet(NameNormalizer.fold(norm));
        Set<NameKey> exact = byTokenSet.get(tokenSet);
        if (exact == null || exact.isEmpty()) exact = byFolded.get(folded);
        if (exact != null && !exact.isEmpty()) return exact.stream().map(k -> new Match(k.ref(), 1)).toList();
        Map<EntityRef, Double> best = new HashMap<>();
        for (String t : NameNormalizer.splitOnSpace(folded)) {
            Set<NameKey> posting = byToken.get(t);
            if (posting == null || posting.size() > MAX_POSTING) continue;
            for (NameKey k : posting) {
                double sim = NameNormalizer.jaroWinkler(folded, k.folded());
                if (sim >= fuzzyThreshold) best.merge(k.ref(), sim, Math::max);
            }
        }
        if (best.isEmpty()) return List.of();
        List<Match> out = new ArrayList<>(best.size());
        best.forEach((r, s) -> out.add(new Match(r, s)));
        return List.copyOf(out);
    }

    private void unindexName(NameKey k) {
        String tokenSet = normalised.remove(k.ref().toString());
        if (tokenSet != null) removeFrom(byTokenSet, tokenSet, k);
        removeFrom(byFolded, k.folded(), k);
        for (String t : NameNormalizer.splitOnSpace(k.folded())) removeFrom(byToken, t, k);
    }

    /**
     * Postings of up to {@value #SMALL_POSTING} entries are immutable sets replaced on change (most keys name one
     * subject: a concurrent set each would cost ~200 bytes, three per subject); larger ones become a concurrent set
     * changed in place. Readers iterate either without locking.
     */
    private static final int SMALL_POSTING = 16;

    private static <K, V> void addTo(Map<K, Set<V>> map, K key, V value) {
        map.compute(key, (k, set) -> {
            if (set == null) return Set.of(value);
            if (set.contains(value)) return set;
            if (set instanceof ConcurrentHashMap.KeySetView<?, ?>) {
                set.add(value);
                return set;
            }
            if (set.size() < SMALL_POSTING) return Stream.concat(set.stream(), Stream.of(value)).collect(Collectors.toUnmodifiableSet());
            Set<V> big = ConcurrentHashMap.newKeySet(2 * SMALL_POSTING);
            big.addAll(set);
            big.add(value);
            return big;
        });
    }

    private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
        map.computeIfPresent(key, (k, set) -> {
            if (!set.contains(value)) return set;
            if (set instanceof ConcurrentHashMap.KeySetView<?, ?>) {
                set.remove(value);
                return set.isEmpty() ? null : set;
            }
            Set<V> rest = set.stream().filter(v -> !v.equals(value)).collect(Collectors.toUnmodifiableSet());
            return rest.isEmpty() ? null : rest;
        });
    }
}
