package org.smartcustoms.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reasoning layer of the HS classifier: what the nomenclature's own wording says about a subheading, read once
 * per subheading ({@link Facts}), compared with what a description says ({@link Query}). Rules are data
 * ({@code hs-reasoning.txt}), one line per legal idea:
 * <ul>
 *   <li><b>limits</b>: "of a weight exceeding 200 g/m2", "of a thickness of 3 mm or more but less than 4.75 mm",
 *   "of an output exceeding 750 W but not exceeding 75 kW", "containing 85% or more by weight of cotton" are bounds
 *   a number of the description meets or breaks;</li>
 *   <li><b>chief fibre</b> (Section XI, GRI 3(b)): "65% polyester 35% cotton" is of synthetic fibres, mixed mainly
 *   with cotton;</li>
 *   <li><b>negation</b>: "not knitted", "other than cotton", "not filled" on either side: a word the description
 *   affirms and the subheading denies (or the reverse) is a conflict, one both deny an agreement;</li>
 *   <li><b>articles over materials</b> (GRI 1): a garment "of cotton denim" is not in a fabric heading;</li>
 *   <li><b>purpose</b>: curated words after "for use in" count less than those naming the goods;</li>
 *   <li><b>parts</b> (Section XVI note 2(b), XVII note 3): "parts for X" prefers the parts subheadings;</li>
 *   <li><b>residual subheadings</b> (GRI 6 with GRI 1): within a heading, when the description names nothing that
 *   singles out a named subheading, the "other" / "n.e.c." one is where the goods go.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class HsReasoning {
    private static final String RESOURCE = "/org/smartcustoms/knowledge/hs-reasoning.txt";
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)");
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern RESIDUAL = Pattern.compile("n\\.e\\.c\\.|\\bother than\\b|[;,(]\\s*other\\b|\\(excluding\\b|\\bn\\.e\\.s\\.");

    enum Comparison { LE, LT, GT, GE, EQ }

    /** A bound the nomenclature sets, or a value a description gives (EQ), on a dimension and optionally a property. */
    record Bound(String dimension, String property, Comparison comparison, double value) {
        Bound {
            if (dimension == null || dimension.isBlank() || comparison == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("bound needs a dimension, a comparison and a finite value");
            }
        }

        boolean admits(double v) {
            double eps = 1e-9 * Math.max(1, Math.abs(value));
            return switch (comparison) {
                case LE -> v <= value + eps;
                case LT -> v < value - eps;
                case GT -> v > value + eps;
                case GE -> v >= value - eps;
                case EQ -> Math.abs(v - value) <= eps;
            };
        }
    }

    private record Unit(String spelling, String dimension, double factor) { }

    /** What a subheading's own legal text says, read once. */
    record Facts(Set<String> affirmed, Set<String> denied, List<Bound> bounds, Set<String> fibres, Set<String> deniedFibres,
                 Set<String> mixedWith, boolean residual, boolean parts, Map<String, Set<Integer>> contrasts, boolean partsOnly,
                 Map<String, Set<Integer>> deniedContrasts, Map<String, Set<String>> roles) { }

    /** What a description says: its affirmed and denied stems, numbers, fibres by weight, purpose clause, parts cue. */
    record Query(String affirmedText, Set<String> affirmed, Set<String> denied, List<Bound> values, Map<String, Double> fibreShares,
                 String chiefFibre, String secondFibre, int purposeStart, boolean parts, boolean articleNamed,
                 Map<String, Set<Integer>> contrasts, String headNoun, Map<String, Set<Integer>> contrastsAll,
                 Map<String, Set<String>> roles) { }

    /** A group of mutually exclusive alternatives the nomenclature distinguishes goods by (hot- or cold-rolled, ...). */
    private record Contrast(String name, List<List<String>> alternatives) { }

    private final Function<String, List<String>> stemmer;
    private final List<String> negationCues;
    private final List<Unit> units;                     // longest spelling first
    private final Map<String, List<String>> measures;    // dimension -> spellings
    private final Map<String, List<String>> properties;  // property -> spellings
    private final Map<Comparison, List<String>> comparisons;
    private final Map<String, List<String>> fibres;      // spelling -> groups (first = itself)
    private final List<String> fibreSpellings;            // longest first
    private final List<String> mixedCues;
    private final List<String> purposeCues;
    private final Set<String> partsCues;
    private final Set<String> articleChapters;
    private final Set<String> articleWords;
    private final Set<String> materialHeadings;
    private final List<String> negationExceptions;
    /** Words before a negation cue that make it neutral: "whether or not covered", "with or without a lid" deny nothing. */
    private final List<String> negationNeutral;
    private final List<Contrast> contrasts;
    private final Set<String> headEnds;
    private final List<String> headCopulas;
    private final Set<String> headGeneric;
    /** Role of a component (outer surface, upper, outer sole) → its spellings, longest first. */
    private final Map<String, List<String>> roles;
    /** Material word → its material group (leather, rubber or plastics, textile, ...). */
    private final Map<String, String> roleMaterials;
    /** Heading → its counterpart headings (chapter 61 ↔ 62), both ways. */
    private final Map<String, Set<String>> counterparts;
    /** Chapter defined by its material (39 plastics, 44 wood, 73 iron or steel, ...) → the stems naming that material. */
    private final Map<String, Set<String>> chapterMaterials;
    /** Every stem naming a material of {@link #chapterMaterials}. */
    private final Set<String> materialStems;

    private HsReasoning(Function<String, List<String>> stemmer, Map<String, List<String[]>> lines) {
        this.stemmer = stemmer;
        List<String> cues = new ArrayList<>();
        for (String[] l : lines.getOrDefault("negation", List.of())) if (l[1].equals("cue")) cues.addAll(split(l[2]));
        this.negationCues = longestFirst(cues);
        List<Unit> us = new ArrayList<>();
        for (String[] l : lines.getOrDefault("unit", List.of())) {
            for (String sp : split(l[1])) us.add(new Unit(sp, l[2], Double.parseDouble(l[3])));
        }
        us.sort(Comparator.comparingInt((Unit u) -> -u.spelling().length()));
        this.units = List.copyOf(us);
        this.measures = named(lines, "measure");
        this.properties = named(lines, "property");
        Map<Comparison, List<String>> cmp = new LinkedHashMap<>();
        for (String[] l : lines.getOrDefault("comparison", List.of())) cmp.put(Comparison.valueOf(l[1].toUpperCase(Locale.ROOT)), longestFirst(split(l[2])));
        this.comparisons = Map.copyOf(cmp);
        Map<String, List<String>> fb = new HashMap<>();
        for (String[] l : lines.getOrDefault("fibre", List.of())) for (String sp : split(l[1])) fb.put(sp, split(l[2]));
        this.fibres = Map.copyOf(fb);
        this.fibreSpellings = longestFirst(new ArrayList<>(fb.keySet()));
        this.mixedCues = longestFirst(single(lines, "mixed"));
        this.purposeCues = longestFirst(single(lines, "purpose"));
        this.partsCues = Set.copyOf(single(lines, "parts"));
        Set<String> chapters = new HashSet<>(), articleStems = new HashSet<>();
        for (String[] l : lines.getOrDefault("article", List.of())) {
            if (l[1].equals("chapters")) chapters.addAll(split(l[2]));
            else for (String w : split(l[2])) articleStems.addAll(stemmer.apply(w));
        }
        this.articleChapters = Set.copyOf(chapters);
        this.articleWords = Set.copyOf(articleStems);
        this.materialHeadings = Set.copyOf(single(lines, "material"));
        List<String> negationEx = new ArrayList<>();
        for (String[] l : lines.getOrDefault("negation", List.of())) if (l[1].equals("except")) negationEx.addAll(split(l[2]));
        this.negationExceptions = List.copyOf(negationEx);
        List<String> neutral = new ArrayList<>();
        for (String[] l : lines.getOrDefault("negation", List.of())) if (l[1].equals("neutral")) neutral.addAll(split(l[2]));
        this.negationNeutral = List.copyOf(neutral);
        List<Contrast> cs = new ArrayList<>();
        for (String[] l : lines.getOrDefault("contrast", List.of())) {
            List<List<String>> alts = new ArrayList<>();
            for (String alt : l[2].split("/")) alts.add(longestFirst(split(alt)));
            cs.add(new Contrast(l[1], List.copyOf(alts)));
        }
        this.contrasts = List.copyOf(cs);
        Map<String, List<String>> head = new HashMap<>();
        for (String[] l : lines.getOrDefault("head", List.of())) head.computeIfAbsent(l[1], k -> new ArrayList<>()).addAll(split(l[2]));
        this.headEnds = Set.copyOf(head.getOrDefault("ends", List.of()));
        this.headCopulas = longestFirst(head.getOrDefault("copula", List.of()));
        Set<String> generic = new HashSet<>();
        for (String w : head.getOrDefault("generic", List.of())) generic.addAll(stemmer.apply(w));
        this.headGeneric = Set.copyOf(generic);
        Map<String, List<String>> rl = new LinkedHashMap<>();
        Map<String, String> rm = new HashMap<>();
        for (String[] l : lines.getOrDefault("role", List.of())) rl.put(l[1], longestFirst(split(l[2])));
        for (String[] l : lines.getOrDefault("rolematerial", List.of())) for (String w : split(l[2])) rm.put(w, l[1]);
        this.roles = Map.copyOf(rl);
        this.roleMaterials = Map.copyOf(rm);
        Map<String, Set<String>> cp = new HashMap<>();
        for (String[] l : lines.getOrDefault("counterpart", List.of())) {
            cp.computeIfAbsent(l[1], k -> new HashSet<>()).add(l[2]);
            cp.computeIfAbsent(l[2], k -> new HashSet<>()).add(l[1]);
        }
        this.counterparts = frozen(cp);
        Map<String, Set<String>> cm = new HashMap<>();
        Set<String> allMaterials = new HashSet<>();
        for (String[] l : lines.getOrDefault("chaptermaterial", List.of())) {
            Set<String> st = new HashSet<>();
            for (String w : split(l[2])) st.addAll(stemmer.apply(w));
            allMaterials.addAll(st);
            for (String ch : split(l[1])) cm.computeIfAbsent(ch, k -> new HashSet<>()).addAll(st);
        }
        this.chapterMaterials = frozen(cm);
        this.materialStems = Set.copyOf(allMaterials);
    }

    /** Reads the rules shipped with the project; {@code stemmer} must be the classifier's own analysis. */
    static HsReasoning load(Function<String, List<String>> stemmer) {
        Map<String, List<String[]>> lines = new HashMap<>();
        InputStream in = HsReasoning.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\|", -1);
                if (parts.length < 3) throw new IllegalStateException("bad reasoning rule: " + line);
                lines.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HsReasoning(stemmer, lines);
    }

    /** The counterpart headings of a heading (a chapter-61 garment heading's chapter-62 one and back); empty for most. */
    Set<String> counterparts(String heading) { return counterparts.getOrDefault(heading, Set.of()); }

    boolean isArticleChapter(String chapter) { return articleChapters.contains(chapter); }

    boolean isMaterialHeading(String heading) { return materialHeadings.contains(heading); }

    /**
     * Whether a chapter defined by its material (GRI 1 with the chapter titles and notes: 39 plastics, 40 rubber, 44 wood,
     * 48 paper, 69 ceramics, 70 glass, 72-76 metals, 50-60 textiles) is ruled out by the description: it names (affirms)
     * the material of some such chapter but no word of this chapter's material. A description naming no material, or
     * naming this one too, rules out nothing.
     */
    boolean otherMaterial(Set<String> named, String chapter) {
        Set<String> own = chapterMaterials.get(chapter);
        if (own == null || named.isEmpty()) return false;
        for (String st : named) if (own.contains(st)) return false;
        return true;
    }

    /**
     * The material stems the description affirms for the goods themselves: each sentence up to its first component,
     * purpose or packing clause ("with a metal hook", "for use in", "imported in steel drums" name other things).
     */
    Set<String> materialsNamed(Query q) {
        Set<String> out = new HashSet<>();
        for (String sentence : q.affirmedText().split("(?<=[.;])\\s+")) {
            String goods = MATERIAL_CLAUSE.split(sentence, 2)[0];
            for (String st : stemmer.apply(goods)) if (materialStems.contains(st)) out.add(st);
        }
        return out;
    }

    private static final Pattern MATERIAL_CLAUSE = Pattern.compile(
            "(?i)\\b(?:with|for|used|designed|intended|suitable|imported|packed|packaged|shipped|put up|presented|stabili[sz]ed|lined|fitted|attached)\\b");

    // ---------------------------------------------------------------------------------------------- reading texts

    /** Reads a subheading's legal text. */
    Facts facts(String legalText) {
        String t = withoutNeutral(normalise(legalText));
        List<int[]> neg = negatedSpans(t);
        List<int[]> mixed = spansAfter(t, mixedCues);
        Set<String> affirmed = new HashSet<>(), denied = new HashSet<>();
        splitStems(t, neg, affirmed, denied);
        Set<String> fib = new HashSet<>(), deniedFib = new HashSet<>(), mixedWith = new HashSet<>();
        for (var m : fibreMentions(t)) {
            List<String> groups = fibres.get(m.getValue());
            String own = groups.get(0);
            int at = m.getKey();
            if (inside(at, mixed)) mixedWith.add(own);
            else if (inside(at, neg)) deniedFib.add(own);
            else fib.add(own);
        }
        boolean parts = false, partsOnly = false;
        List<String> ws = words(t, neg);
        for (int i = 0; i < ws.size(); i++) {
            if (!partsCues.contains(ws.get(i))) continue;
            parts = true;
            // "household articles and parts thereof", "road wheels and parts and accessories thereof" are goods as well
            partsOnly = i == 0 || !(ws.get(i - 1).equals("and") || ws.get(i - 1).equals("or"));
            break;
        }
        return new Facts(Set.copyOf(affirmed), Set.copyOf(denied), bounds(t, false), Set.copyOf(fib), Set.copyOf(deniedFib),
                Set.copyOf(mixedWith), RESIDUAL.matcher(t).find(), parts, contrastsOf(t, neg), partsOnly, deniedContrastsOf(t, neg),
                rolesOf(t, true));
    }

    /**
     * The stems naming the goods of a legal text: its affirmed words without its purpose clauses ("engines ..., of a
     * kind used for the propulsion of vehicles" names engines, not vehicles).
     */
    Set<String> goodsStems(String legalText) {
        String t = withoutNeutral(normalise(legalText));
        List<int[]> skip = new ArrayList<>(negatedSpans(t));
        for (String cue : purposeCues) {
            Matcher m = pat("\\b" + Pattern.quote(cue) + "\\b").matcher(t);
            while (m.find()) {
                int to = m.end();
                while (to < t.length() && t.charAt(to) != ',' && t.charAt(to) != ';') to++;
                skip.add(new int[] {m.start(), to});
            }
        }
        Set<String> out = new HashSet<>(), ignored = new HashSet<>();
        splitStems(t, skip, out, ignored);
        return Set.copyOf(out);
    }

    /**
     * The noun naming the goods (GRI 1: the goods named first, not their materials, components or uses): the last word
     * of the description's first phrase (after "the merchandise is", up to "of", "with", "for", a comma, ...), stemmed;
     * participles ending it ("socks knitted") are skipped; null when the phrase is empty, when nothing follows it (no
     * modifier to set apart) or when its noun is generic.
     */
    String headNoun(String affirmedText) {
        String t = affirmedText;
        for (String cop : headCopulas) {
            Matcher m = pat("\\b" + Pattern.quote(cop) + "\\b").matcher(t);
            if (m.find() && m.start() < 60) { t = t.substring(m.end()); break; }
        }
        Matcher w = pat("[a-z0-9][a-z0-9'\\-]*|[,;:(.]").matcher(t);
        List<String> words = new ArrayList<>();
        boolean ended = false;
        while (w.find()) {
            String x = w.group();
            if (x.length() == 1 && ",;:(.".contains(x)) {
                if (words.isEmpty()) continue;
                // a full stop ends the head only when more follows ("Plastic clothes hangers." has no modifier to set apart)
                ended = !x.equals(".") || w.end() < t.strip().length();
                break;
            }
            if (x.equals("xnegx")) { ended = true; break; }
            if (!words.isEmpty() && headEnds.contains(x)) { ended = true; break; }
            words.add(x);
        }
        // a description that is one run of words ("car battery 12V lead acid starter") has no first phrase to read
        if (!ended) return null;
        for (int i = words.size() - 1; i >= 0; i--) {
            String x = words.get(i);
            if (i > 0 && x.endsWith("ed")) continue;
            if (x.chars().anyMatch(Character::isDigit)) continue;
            List<String> st = stemmer.apply(x);
            if (st.isEmpty()) continue;
            String noun = st.get(st.size() - 1);
            // a letter or locant of a chemical name ("N,N-dimethylformamide", "2,4-D") names no goods
            return headGeneric.contains(noun) || noun.length() < 3 ? null : noun;
        }
        return null;
    }

    /**
     * Per component role ("outer surface", "upper", "outer sole"): the material groups the text names for it ("with
     * outer surface of leather or of composition leather" → leather; "an outer sole of thermoplastic rubber" → rubber or
     * plastics). A legal text's list runs to a semicolon, a parenthesis or the next role; a description's ends at a comma.
     */
    private Map<String, Set<String>> rolesOf(String t, boolean legal) {
        if (roles.isEmpty()) return Map.of();
        List<int[]> starts = new ArrayList<>();   // {start of the material list, role index, cue start}
        List<String> names = new ArrayList<>(roles.keySet());
        for (int r = 0; r < names.size(); r++) {
            for (String cue : roles.get(names.get(r))) {
                Matcher m = pat("(?<![\\w-])" + Pattern.quote(cue) + "\\s+(?:which consist\\s+|consisting\\s+|made\\s+)?of\\b").matcher(t);
                while (m.find()) {
                    boolean taken = false;
                    for (int[] x : starts) if (x[2] <= m.start() && m.start() < x[0]) { taken = true; break; }
                    if (!taken) starts.add(new int[] {m.end(), r, m.start()});
                }
            }
        }
        if (starts.isEmpty()) return Map.of();
        starts.sort(Comparator.comparingInt(x -> x[0]));
        Map<String, Set<String>> out = new HashMap<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k)[0], to = k + 1 < starts.size() ? starts.get(k + 1)[2] : t.length();
            for (int i = from; i < to; i++) {
                char ch = t.charAt(i);
                if (ch == ';' || ch == '(' || ch == ')' || (!legal && (ch == ',' || ch == '.'))) { to = i; break; }
            }
            Set<String> groups = new HashSet<>();
            for (String w : words(t.substring(from, to), List.of())) {
                String g = roleMaterials.get(w);
                if (g != null) groups.add(g);
            }
            if (!groups.isEmpty()) out.computeIfAbsent(names.get(starts.get(k)[1]), x -> new HashSet<>()).addAll(groups);
        }
        return frozen(out);
    }

    /** Per contrast group: the alternatives a text denies ("(not knitted or crocheted)"). */
    private Map<String, Set<Integer>> deniedContrastsOf(String t, List<int[]> neg) {
        if (neg.isEmpty()) return Map.of();
        StringBuilder only = new StringBuilder(" ".repeat(t.length()));
        for (int[] sp : neg) only.replace(sp[0], sp[1], t.substring(sp[0], sp[1]));
        return contrastsOf(only.toString(), List.of());
    }

    /** Per contrast group: the alternatives a text names outside its negated spans. */
    private Map<String, Set<Integer>> contrastsOf(String t, List<int[]> neg) {
        Map<String, Set<Integer>> out = new HashMap<>();
        for (Contrast c : contrasts) {
            for (int a = 0; a < c.alternatives().size(); a++) {
                for (String sp : c.alternatives().get(a)) {
                    Matcher m = pat("(?<![\\w-])" + Pattern.quote(sp) + "(?![\\w])").matcher(t);
                    boolean found = false;
                    while (m.find()) if (!inside(m.start(), neg)) { found = true; break; }
                    if (found) { out.computeIfAbsent(c.name(), k -> new HashSet<>()).add(a); break; }
                }
            }
        }
        return frozen(out);
    }

    /** An unmodifiable copy of a map of sets, the sets copied too. */
    private static <K, V> Map<K, Set<V>> frozen(Map<K, ? extends Set<V>> m) {
        Map<K, Set<V>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return Map.copyOf(out);
    }

    /** Reads a goods description. */
    Query query(String description) {
        String t = withoutNeutral(normalise(description));
        List<int[]> neg = negatedSpans(t);
        StringBuilder blanked = new StringBuilder(t);
        for (int[] sp : neg) for (int i = sp[0]; i < sp[1]; i++) if (Character.isLetterOrDigit(blanked.charAt(i))) blanked.setCharAt(i, '\u0000');
        String affirmedText = blanked.toString().replaceAll("\u0000+", " xnegx ");
        Set<String> affirmed = new HashSet<>(), denied = new HashSet<>();
        splitStems(t, neg, affirmed, denied);
        List<Bound> values = bounds(t, true);
        // fibre shares: "65% polyester", "polyester 65%", or a single fibre named without a share (taken as all)
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Bound b : values) {
            if (b.dimension().equals("percent") && b.property() != null && fibres.containsKey(b.property())) {
                for (String g : fibres.get(b.property())) shares.merge(g, b.value(), Double::sum);
            }
        }
        String chief = null, second = null;
        if (!shares.isEmpty()) {
            // each material by its own name (first group of its spelling)
            Map<String, Double> own = new LinkedHashMap<>();
            for (Bound b : values) {
                if (b.dimension().equals("percent") && b.property() != null && fibres.containsKey(b.property())) {
                    own.merge(fibres.get(b.property()).get(0), b.value(), Double::sum);
                }
            }
            List<Map.Entry<String, Double>> byShare = new ArrayList<>(own.entrySet());
            byShare.sort(Map.Entry.comparingByValue(Comparator.reverseOrder()));
            chief = byShare.get(0).getKey();
            if (byShare.size() > 1) second = byShare.get(1).getKey();
        } else {
            Set<String> named = new HashSet<>();
            for (var m : fibreMentions(t)) if (!inside(m.getKey(), neg)) named.add(fibres.get(m.getValue()).get(0));
            if (named.size() == 1) {
                chief = named.iterator().next();
                for (String g : fibres.get(chief)) shares.put(g, 100.0);
            }
        }
        int purposeStart = -1;
        int cue = firstCue(affirmedText, purposeCues);
        if (cue > 0) purposeStart = stemmer.apply(affirmedText.substring(0, cue)).size();
        boolean parts = false;
        String head = cue > 0 ? affirmedText.substring(0, cue) : affirmedText;
        for (String w : words(head, List.of())) if (partsCues.contains(w)) { parts = true; break; }
        boolean article = false;
        for (String st : stemmer.apply(head)) if (articleWords.contains(st)) { article = true; break; }
        return new Query(affirmedText, Set.copyOf(affirmed), Set.copyOf(denied), List.copyOf(values), Map.copyOf(shares), chief, second,
                purposeStart, parts, article, contrastsOf(cue > 0 ? affirmedText.substring(0, cue) : affirmedText, List.of()), headNoun(affirmedText),
                contrastsOf(affirmedText, List.of()), rolesOf(t, false));
    }

    // ---------------------------------------------------------------------------------------------- comparing

    /** Outcome of comparing a description with a subheading's text: a score adjustment and the reasons for it. */
    record Verdict(double limits, double fibre, double polarity, double contrast, List<String> reasons) {
        static final Verdict NONE = new Verdict(0, 0, 0, 0, List.of());
        boolean namesSomething() { return limits > 0 || fibre > 0; }
    }

    /**
     * Compares: limits +1 per dimension all of whose bounds the description's number meets, -1 per dimension one of
     * whose bounds it breaks (divided by the dimensions compared); fibre +1 when the chief fibre is among those the
     * subheading names (or none it denies, for a residual one), -1 otherwise, ±0.5 for the "mixed mainly with" fibre;
     * polarity -1 per word affirmed on one side and denied on the other, +0.5 per word both deny.
     */
    Verdict compare(Query q, Facts f) {
        List<String> reasons = new ArrayList<>();
        // limits, grouped by dimension + property
        Map<String, List<Bound>> groups = new LinkedHashMap<>();
        for (Bound b : f.bounds()) groups.computeIfAbsent(b.dimension() + "|" + b.property(), k -> new ArrayList<>()).add(b);
        int met = 0, broken = 0;
        for (List<Bound> g : groups.values()) {
            Bound first = g.get(0);
            Double v = valueFor(q, first);
            if (v == null) continue;
            boolean ok = true;
            for (Bound b : g) ok &= b.admits(v);
            if (ok) met++; else broken++;
            reasons.add((ok ? "meets " : "breaks ") + describe(g) + " (" + fmt(v) + ")");
        }
        double limits = met + broken == 0 ? 0 : (met - broken) / (double) (met + broken);
        double fibre = 0;
        if (q.chiefFibre() != null) {
            List<String> chiefGroups = fibres.get(q.chiefFibre());
            if (!f.fibres().isEmpty()) {
                boolean in = chiefGroups.stream().anyMatch(f.fibres()::contains);
                fibre += in ? 1 : -1;
                reasons.add((in ? "chief fibre " : "chief fibre not ") + q.chiefFibre());
            } else if (!f.deniedFibres().isEmpty()) {
                boolean out = chiefGroups.stream().anyMatch(f.deniedFibres()::contains);
                fibre += out ? -1 : 0.5;
                if (out) reasons.add("excludes chief fibre " + q.chiefFibre());
            }
            if (!f.mixedWith().isEmpty() && q.secondFibre() != null) {
                boolean in = fibres.get(q.secondFibre()).stream().anyMatch(f.mixedWith()::contains);
                fibre += in ? 0.5 : -0.5;
            }
        }
        double polarity = 0;
        for (String s : q.affirmed()) if (f.denied().contains(s) && !f.affirmed().contains(s)) { polarity -= 1; reasons.add("denies " + s); }
        for (String s : q.denied()) {
            if (f.affirmed().contains(s) && !f.denied().contains(s)) { polarity -= 1; reasons.add("affirms " + s); }
            else if (f.denied().contains(s)) polarity += 0.5;
        }
        // contrasts: the description names one alternative of a group, the legal text only others ("cold-rolled" / "hot-rolled")
        double contrast = 0;
        // a parts subheading is told apart by what the parts are for ("for a compression-ignition engine"): the
        // description's purpose clause counts there (Section XVI note 2(b), XVII note 3)
        for (var e : (f.parts() ? q.contrastsAll() : q.contrasts()).entrySet()) {
            Set<Integer> theirs = f.contrasts().get(e.getKey());
            Set<Integer> denied = f.deniedContrasts().get(e.getKey());
            // the legal text denies every alternative the description names ("knitted" against "(not knitted or crocheted)")
            boolean deniesAll = denied != null && theirs == null && denied.containsAll(e.getValue());
            if (!deniesAll && (theirs == null || theirs.stream().anyMatch(e.getValue()::contains))) continue;
            contrast -= 1;
            reasons.add("not " + e.getKey() + " of this kind");
        }
        // component materials: an outer surface, upper or outer sole of another material than the legal text's
        for (var e : q.roles().entrySet()) {
            Set<String> theirs = f.roles().get(e.getKey());
            if (theirs == null || theirs.stream().anyMatch(e.getValue()::contains)) continue;
            contrast -= 1;
            reasons.add(e.getKey() + " not of " + String.join(" or ", new java.util.TreeSet<>(theirs)));
        }
        if (limits == 0 && fibre == 0 && polarity == 0 && contrast == 0 && reasons.isEmpty()) return Verdict.NONE;
        return new Verdict(limits, fibre, polarity, contrast, List.copyOf(reasons));
    }

    /** Whether the description names a word of a subheading's own text that its siblings' texts do not all share. */
    static boolean namesAnyOf(Query q, Set<String> distinctive) {
        for (String s : distinctive) if (q.affirmed().contains(s)) return true;
        return false;
    }

    private Double valueFor(Query q, Bound b) {
        if (b.dimension().equals("percent")) {
            if (b.property() == null) return null;
            if (fibres.containsKey(b.property())) {
                if (q.fibreShares().isEmpty()) return null;
                String own = fibres.get(b.property()).get(0);
                return q.fibreShares().getOrDefault(own, 0.0);
            }
        }
        Double found = null;
        for (Bound v : q.values()) {
            if (!v.dimension().equals(b.dimension())) continue;
            boolean propOk = b.property() == null || v.property() == null ? !strict(b.dimension()) : b.property().equals(v.property());
            if (!propOk) continue;
            if (b.property() != null && b.property().equals(v.property())) return v.value();
            if (found == null) found = v.value();
        }
        return found;
    }

    /** Dimensions where a number means nothing without saying what it measures. */
    private static boolean strict(String dimension) {
        return dimension.equals("percent") || dimension.equals("length") || dimension.equals("alcoholic strength");
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private List<Bound> bounds(String t, boolean description) {
        List<Bound> out = new ArrayList<>();
        // ranges "40-150g/m2", "between 150 and 225g/m2", "40 to 150 g/m2"
        Matcher m = NUMBER.matcher(t);
        int consumedTo = -1;
        while (m.find()) {
            if (m.start() < consumedTo) continue;
            double a = Double.parseDouble(m.group(1));
            int after = m.end();
            Matcher range = pat("\\G\\s*(?:-|–|to|and)\\s*(\\d+(?:\\.\\d+)?)").matcher(t);
            double b = Double.NaN;
            int unitAt = after;
            if (range.find(after) && range.start() == after && unitAfter(t, range.end()) != null) {
                b = Double.parseDouble(range.group(1));
                unitAt = range.end();
            }
            Unit u = unitAfter(t, unitAt);
            if (u == null && !description && Double.isNaN(b)) {
                // "over 1000 but not over 1500cc": the first number of a range takes the unit of the second
                Matcher second = pat("\\G\\s*but (?:not )?(?:over|exceeding|less than|more than) (\\d+(?:\\.\\d+)?)").matcher(t);
                if (second.find(after)) u = unitAfter(t, second.end());
                if (u != null) unitAt = -1;
            }
            String dimension;
            double factor;
            int end;
            if (u != null) {
                dimension = u.dimension();
                factor = u.factor();
                end = unitAt < 0 ? after : skipSpaces(t, unitAt) + u.spelling().length();
            } else {
                String measure = measureBefore(t, m.start());
                if (measure == null) continue;
                dimension = measure;
                factor = 1;
                end = after;
            }
            String property = property(t, m.start(), end, dimension);
            if (!Double.isNaN(b)) {
                if (description) {
                    out.add(new Bound(dimension, property, Comparison.EQ, (a + b) / 2 * factor));
                } else {
                    out.add(new Bound(dimension, property, Comparison.GE, a * factor));
                    out.add(new Bound(dimension, property, Comparison.LE, b * factor));
                }
                consumedTo = end;
                continue;
            }
            Comparison c = description ? Comparison.EQ : comparison(t, m.start(), end);
            if (c == null) continue;
            double value = a * factor;
            if (description) {
                // a description stating a limit itself ("exceeding 6 mm", "less than 67 decitex") is just beyond it
                Comparison stated = comparison(t, m.start(), end);
                if (stated == Comparison.GT) value += 1e-6 * Math.max(1, Math.abs(value));
                else if (stated == Comparison.LT) value -= 1e-6 * Math.max(1, Math.abs(value));
            }
            out.add(new Bound(dimension, property, c, value));
            consumedTo = end;
        }
        return out;
    }

    private Unit unitAfter(String t, int at) {
        int i = skipSpaces(t, at);
        for (Unit u : units) {
            if (t.startsWith(u.spelling(), i)) {
                int e = i + u.spelling().length();
                boolean wordEnd = e >= t.length() || !Character.isLetterOrDigit(t.charAt(e)) || u.spelling().endsWith("%");
                if (wordEnd) return u;
            }
        }
        return null;
    }

    private String measureBefore(String t, int numberAt) {
        String before = t.substring(Math.max(0, numberAt - 45), numberAt);
        String best = null;
        int bestAt = -1;
        for (var e : measures.entrySet()) {
            for (String sp : e.getValue()) {
                int i = before.lastIndexOf(sp);
                if (i > bestAt && !before.substring(i).matches(".*[;,(].*")) { bestAt = i; best = e.getKey(); }
            }
        }
        return best;
    }

    /** The property a number measures: a property word right after its unit, a fibre after a share, or the nearest before. */
    private String property(String t, int numberAt, int end, String dimension) {
        String after = t.substring(end, Math.min(t.length(), end + 28));
        if (dimension.equals("percent")) {
            Matcher fm = pat("^\\s*(?:by weight\\s*)?(?:of\\s*)?(?:the\\s*)?([a-z'\\- ]+)").matcher(after);
            if (fm.find()) for (String sp : fibreSpellings) if (startsWord(fm.group(1), sp)) return sp;
        }
        String afterWord = after.stripLeading();
        for (var e : properties.entrySet()) for (String sp : e.getValue()) if (startsWord(afterWord, sp)) return e.getKey();
        String before = t.substring(Math.max(0, numberAt - 80), numberAt); // "of a thickness of 0.5mm or more but not exceeding 1mm"
        int cut = Math.max(before.lastIndexOf(';'), Math.max(before.lastIndexOf('('), before.lastIndexOf(',')));
        String window = before.substring(cut + 1);
        String best = null;
        int bestAt = -1;
        for (var e : properties.entrySet()) {
            for (String sp : e.getValue()) {
                Matcher pm = pat("\\b" + Pattern.quote(sp) + "\\b").matcher(window);
                while (pm.find()) if (pm.start() > bestAt) { bestAt = pm.start(); best = e.getKey(); }
            }
        }
        if (best == null && dimension.equals("percent")) {
            // "containing 85% or more by weight of cotton": the fibre after the comparison
            String tail = t.substring(end, Math.min(t.length(), end + 40)).replaceFirst("^\\s*(?:or more|or less|and over)?\\s*(?:by weight\\s*)?(?:of\\s*)?", "");
            for (String sp : fibreSpellings) if (startsWord(tail, sp)) return sp;
        }
        return best;
    }

    private Comparison comparison(String t, int numberAt, int end) {
        String after = t.substring(end, Math.min(t.length(), end + 16)).stripLeading();
        // "3mm or more", "2kg or less": a phrase after the unit
        for (Comparison c : List.of(Comparison.GE, Comparison.LE)) {
            for (String sp : comparisons.getOrDefault(c, List.of())) if (isPostfix(sp) && after.startsWith(sp)) return c;
        }
        String before = t.substring(Math.max(0, numberAt - 28), numberAt).stripTrailing();
        // the nearest comparison phrase ending the window ("of a thickness of less than 3mm": "less than", then "of")
        before = before.replaceAll("(\\s+(of|a|an|the|by weight|weighing|weight))+$", "");
        Comparison best = null;
        int bestLen = -1;
        for (var e : comparisons.entrySet()) {
            for (String sp : e.getValue()) {
                if (isPostfix(sp)) continue;
                if (before.endsWith(sp) && sp.length() > bestLen && (before.length() == sp.length() || !Character.isLetter(before.charAt(before.length() - sp.length() - 1)))) {
                    best = e.getKey();
                    bestLen = sp.length();
                }
            }
        }
        return best;
    }

    private static boolean isPostfix(String comparisonPhrase) {
        return comparisonPhrase.startsWith("or ") || comparisonPhrase.startsWith("and ");
    }

    /**
     * Blanks what a neutral cue says ("whether or not covered", "with or without their nuts"): those words are neither
     * affirmed nor denied, on either side. The text keeps its length.
     */
    private String withoutNeutral(String t) {
        StringBuilder b = null;
        for (String nt : negationNeutral) {
            Matcher m = pat("(?<![\\w-])" + Pattern.quote(nt) + "\\s+(?:not|without)\\b").matcher(t);
            while (m.find()) {
                int to = m.end();
                while (to < t.length()) {
                    char ch = t.charAt(to);
                    if (ch == ';' || ch == ')' || ch == ',' || ch == '.' && (to + 1 >= t.length() || !Character.isDigit(t.charAt(to + 1)))) break;
                    if (t.startsWith(" but ", to)) break;
                    to++;
                }
                if (b == null) b = new StringBuilder(t);
                for (int i = m.start(); i < to; i++) b.setCharAt(i, ' ');
            }
        }
        return b == null ? t : b.toString();
    }

    /** Spans of text denied by a negation cue: to the next punctuation, "but", "with", "and" or closing parenthesis. */
    private List<int[]> negatedSpans(String t) {
        List<int[]> spans = new ArrayList<>();
        for (String cue : negationCues) {
            Matcher m = pat("(?<![\\w-])" + Pattern.quote(cue) + "(?:-|\\s+)").matcher(t);
            while (m.find()) {
                int from = m.end();
                int to = from;
                // "not further worked than hot-rolled" affirms hot-rolled
                boolean excepted = false;
                for (String ex : negationExceptions) if (t.startsWith(ex, from)) { excepted = true; break; }
                if (excepted) continue;
                if (t.charAt(m.end() - 1) == '-') {
                    // "non-alloy", "non-cellular": the prefix denies its own word only
                    while (to < t.length() && (Character.isLetterOrDigit(t.charAt(to)) || t.charAt(to) == '-')) to++;
                    if (to > from) spans.add(new int[] {from, to});
                    continue;
                }
                boolean inParen = t.lastIndexOf('(', m.start()) > t.lastIndexOf(')', m.start());
                while (to < t.length()) {
                    char ch = t.charAt(to);
                    if (ch == ';' || ch == ')' || ch == '.' && (to + 1 >= t.length() || !Character.isDigit(t.charAt(to + 1)))) break;
                    if (ch == ',' && !inParen) break;
                    if (t.startsWith(" but ", to) || t.startsWith(" with ", to) || t.startsWith(" whether ", to)) break;
                    to++;
                }
                if (to > from) spans.add(new int[] {from, to});
            }
        }
        return spans;
    }

    private List<int[]> spansAfter(String t, List<String> cues) {
        List<int[]> spans = new ArrayList<>();
        for (String cue : cues) {
            int i = t.indexOf(cue);
            while (i >= 0) {
                int from = i + cue.length(), to = from;
                while (to < t.length() && t.charAt(to) != ',' && t.charAt(to) != ';') to++;
                spans.add(new int[] {from, to});
                i = t.indexOf(cue, to);
            }
        }
        return spans;
    }

    private void splitStems(String t, List<int[]> neg, Set<String> affirmed, Set<String> denied) {
        StringBuilder pos = new StringBuilder(), den = new StringBuilder();
        int last = 0;
        List<int[]> sorted = new ArrayList<>(neg);
        sorted.sort(Comparator.comparingInt(a -> a[0]));
        for (int[] s : sorted) {
            if (s[0] < last) continue;
            pos.append(t, last, s[0]).append(' ');
            den.append(t, s[0], s[1]).append(' ');
            last = s[1];
        }
        pos.append(t.substring(last));
        affirmed.addAll(stemmer.apply(pos.toString()));
        denied.addAll(stemmer.apply(den.toString()));
        affirmed.remove("other");
        denied.remove("other");
    }

    private List<Map.Entry<Integer, String>> fibreMentions(String t) {
        List<Map.Entry<Integer, String>> out = new ArrayList<>();
        boolean[] taken = new boolean[t.length() + 1];
        for (String sp : fibreSpellings) {
            Matcher m = pat("(?<![a-z])" + Pattern.quote(sp) + "(?![a-z])").matcher(t);
            while (m.find()) {
                if (taken[m.start()]) continue;
                for (int i = m.start(); i < m.end(); i++) taken[i] = true;
                out.add(Map.entry(m.start(), sp));
            }
        }
        return out;
    }

    private static List<String> words(String t, List<int[]> except) {
        List<String> out = new ArrayList<>();
        Matcher m = pat("[a-z]+").matcher(t);
        while (m.find()) if (!inside(m.start(), except)) out.add(m.group());
        return out;
    }

    private static int firstCue(String t, List<String> cues) {
        int best = -1;
        for (String cue : cues) {
            Matcher m = pat("\\b" + Pattern.quote(cue) + "\\b").matcher(t);
            if (m.find() && (best < 0 || m.start() < best)) best = m.start();
        }
        return best;
    }

    private static boolean inside(int at, List<int[]> spans) {
        for (int[] s : spans) if (at >= s[0] && at < s[1]) return true;
        return false;
    }

    private static boolean startsWord(String s, String word) {
        return s.startsWith(word) && (s.length() == word.length() || !Character.isLetter(s.charAt(word.length())));
    }

    private static int skipSpaces(String t, int i) {
        while (i < t.length() && t.charAt(i) == ' ') i++;
        return i;
    }

    private static Pattern pat(String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }

    static String normalise(String s) {
        String t = s.toLowerCase(Locale.ROOT)
                .replace('²', '2').replace('³', '3').replace("µm", "micron").replace('\u00a0', ' ')
                .replaceAll("(\\d),(\\d{3})(?!\\d)", "$1$2")
                .replaceAll("(\\d)\\s*(?:x|×)\\s*(\\d)", "$1 by $2");
        return t.replaceAll("\\s+", " ");
    }

    private static String describe(List<Bound> g) {
        StringBuilder b = new StringBuilder(g.get(0).property() == null ? g.get(0).dimension() : g.get(0).property());
        for (Bound x : g) b.append(' ').append(x.comparison().name().toLowerCase(Locale.ROOT)).append(' ').append(fmt(x.value()));
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(Math.round(v * 1000) / 1000.0);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(";")) if (!p.strip().isEmpty()) out.add(p.strip().toLowerCase(Locale.ROOT));
        return out;
    }

    private static List<String> single(Map<String, List<String[]>> lines, String kind) {
        List<String> out = new ArrayList<>();
        for (String[] l : lines.getOrDefault(kind, List.of())) out.addAll(split(l[2]));
        return out;
    }

    private static Map<String, List<String>> named(Map<String, List<String[]>> lines, String kind) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String[] l : lines.getOrDefault(kind, List.of())) out.put(l[1], longestFirst(split(l[2])));
        return out;
    }

    private static List<String> longestFirst(List<String> xs) {
        List<String> out = new ArrayList<>(xs);
        out.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(out);
    }
}
