package org.smartcustoms.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Makes a visitor's question look more like the knowledge base before it is ranked, with two general steps that
 * know nothing of any evaluation file:
 * <ol>
 *   <li><b>Typos</b> ({@link #correctTypos}): a word of the question that appears nowhere in the knowledge base,
 *   in the colloquial vocabulary or in a general dictionary (the embedding model's word list) is replaced by the
 *   closest word one edit away (Damerau-Levenshtein; the first letter kept, our words before general ones, a general
 *   word only when it is the only candidate), else split into known words written together, else (from six
 *   letters) a knowledge-base word two edits away with the same first letter: "cigarretes" → "cigarettes",
 *   "pacakge" → "package", "dutyfree" → "duty free". Codes, numbers and acronyms are never touched.</li>
 *   <li><b>Colloquial words</b> (hand-written {@code inquiry-synonyms.txt}, matched as lower-case words without a
 *   plural -s): "booze", "smokes", "stuck" add the
 *   words a knowledge base uses ("alcohol", "tobacco", "held").</li>
 * </ol>
 * Immutable and thread-safe.
 */
final class InquiryQueryRewriter {
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final List<Rule> RULES = loadRules();

    private record Rule(List<List<String>> phrases, String canonical) { }

    private final Map<String, Integer> vocabulary;
    private final Map<Integer, List<String>> byLength = new HashMap<>();
    private final List<CompiledRule> rules;

    /** A rule's phrases and its canonical words as stemmed lower-case words. */
    private record CompiledRule(List<List<String>> phrases, String canonical, List<String> canonicalPhrase) { }

    private final Set<String> generalWords;
    /** General dictionary words of 3 letters or more by length, alphabetical (correction targets after ours). */
    private final Map<Integer, List<String>> generalByLength = new HashMap<>();

    /**
     * @param generalWords a general dictionary (e.g. the embedding model's vocabulary): a word found there (or its
     *                     stem without -s, -es, -ed, -ing) is never "corrected"
     */
    InquiryQueryRewriter(Collection<String> knowledgeTexts, Set<String> generalWords) {
        this.generalWords = Set.copyOf(generalWords);
        Map<String, Integer> vocab = new HashMap<>();
        for (String t : knowledgeTexts) for (String w : words(t)) vocab.merge(w, 1, Integer::sum);
        for (Rule r : RULES) {
            for (List<String> p : r.phrases()) for (String w : p) vocab.putIfAbsent(w, 0);
            for (String w : words(r.canonical())) vocab.putIfAbsent(w, 0);
        }
        this.vocabulary = Map.copyOf(vocab);
        // correction targets: the knowledge base's words and the colloquial words of 4 letters or more ("pacakge" is
        // "package" even when the knowledge base only says "parcel"; the rule then adds the knowledge base's word)
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() > 0 || e.getKey().length() >= 4) {
                byLength.computeIfAbsent(e.getKey().length(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        byLength.values().forEach(l -> l.sort(null));
        for (String g : this.generalWords) {
            if (g.length() >= 3 && !vocab.containsKey(g)) generalByLength.computeIfAbsent(g.length(), k -> new ArrayList<>()).add(g);
        }
        generalByLength.values().forEach(l -> l.sort(null));
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule r : RULES) {
            List<List<String>> phrases = new ArrayList<>();
            for (List<String> p : r.phrases()) phrases.add(normalise(p));
            compiled.add(new CompiledRule(phrases, r.canonical(), normalise(words(r.canonical()))));
        }
        this.rules = List.copyOf(compiled);
    }

    /** How many concepts (lines of {@code inquiry-synonyms.txt}) there are. */
    int conceptCount() { return rules.size(); }

    /**
     * The concepts a text mentions: the indices of the rules one of whose phrases, or whose canonical words as a
     * whole, it contains (stemmed, in order). Used on both sides: a question's concepts (after typo correction) and
     * each entry's (document expansion), so "vino" in a question and "wine" in an entry meet in "alcohol". Single
     * canonical words are not matched on their own ("form" would make every form a paper declaration).
     */
    Set<Integer> concepts(String text) {
        List<String> normalised = normalise(words(text));
        Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule r = rules.get(i);
            boolean hit = false;
            for (List<String> p : r.phrases()) if (containsInOrder(normalised, p)) { hit = true; break; }
            if (!hit) hit = containsInOrder(normalised, r.canonicalPhrase());
            if (hit) out.add(i);
        }
        return out;
    }

    /**
     * The words of a text that belong to an occurrence of one of the colloquial layer's phrases ("salami", "hunting
     * rifle", "talk to a human"): words the assistant understands even when no knowledge-base entry uses them.
     */
    List<String> phraseWords(String text) {
        List<String> raw = words(text);
        List<String> normalised = normalise(raw);
        boolean[] covered = new boolean[raw.size()];
        for (CompiledRule r : rules) {
            for (List<String> p : r.phrases()) {
                outer:
                for (int i = 0; i + p.size() <= normalised.size(); i++) {
                    for (int j = 0; j < p.size(); j++) if (!normalised.get(i + j).equals(p.get(j))) continue outer;
                    for (int j = 0; j < p.size(); j++) covered[i + j] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) if (covered[i]) out.add(raw.get(i));
        return out;
    }

    /** The question with typos corrected towards the knowledge base's words and colloquial words explained. */
    String rewrite(String question) {
        String corrected = correctTypos(question);
        Set<String> added = new LinkedHashSet<>();
        List<String> normalised = normalise(words(corrected));
        for (CompiledRule r : rules) {
            for (List<String> p : r.phrases()) {
                if (containsInOrder(normalised, p)) { added.add(r.canonical()); break; }
            }
        }
        return added.isEmpty() ? corrected : corrected + " (" + String.join(", ", added) + ")";
    }

    /**
     * The question with its misspelt words corrected. A letter run is left alone when it is a known word (the
     * knowledge base, the colloquial layer, the general dictionary, or such a word with -s/-es/-ed/-ing), shorter
     * than three letters, written in capitals in a question that is not (an acronym: EORI, MRN) or part of a code or
     * number (ACME-2026-000417, 26GB12345: a letter run touching a digit or a hyphen next to a digit). Otherwise,
     * in order:
     * <ol>
     *   <li>the closest word at Damerau-Levenshtein distance 1 among the knowledge base's and colloquial words and
     *   the general dictionary's (a word keeping the first letter wins, then a knowledge-base or colloquial word,
     *   then the one more frequent in the knowledge base, then the alphabetical first);</li>
     *   <li>two known words written together ("dutyfree" → "duty free", "howmuch" → "how much"), both of three
     *   letters or more or a common two-letter word, one of them in the knowledge base or colloquial layer;</li>
     *   <li>from six letters on, a knowledge-base or colloquial word at distance 2 with the same first letter.</li>
     * </ol>
     * Three-letter words are only corrected to a word with the same first letter at distance 1 ("dut" → "duty").
     */
    String correctTypos(String question) {
        Matcher m = WORD.matcher(question);
        boolean shouting = question.chars().noneMatch(Character::isLowerCase);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT);
            String replacement = null;
            boolean acronym = !shouting && w.length() >= 2 && w.chars().noneMatch(Character::isLowerCase);
            if (lower.length() >= 3 && !acronym && !partOfCode(question, m.start(), m.end())
                    && !vocabulary.containsKey(lower) && !generalWords.contains(lower)
                    // an inflection of a general word ("shoping" = shop + ing) unless a knowledge-base word is one edit away
                    && !(isGeneralWord(lower) && closest(lower, 1, false, 4) == null)) {
                replacement = correct(lower);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? w : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A letter run that touches a digit, or a hyphen or other code character next to a digit, is part of a code. */
    private static boolean partOfCode(String text, int start, int end) {
        int from = start, to = end;
        while (from > 0 && isCodeChar(text.charAt(from - 1))) from--;
        while (to < text.length() && isCodeChar(text.charAt(to))) to++;
        for (int i = from; i < to; i++) if (Character.isDigit(text.charAt(i))) return true;
        return false;
    }

    private static boolean isCodeChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '/' || c == '_' || c == '.';
    }

    private String correct(String w) {
        if (w.length() == 3) {
            String longer = closest(w, 1, true, 4);
            return longer != null && longer.charAt(0) == w.charAt(0) ? longer : null;
        }
        String one = closest(w, 1, true, 0);
        if (one != null) {
            // a general word only when it is the only word one edit away ("totallyy" → "totally"; "botle" stays: bottle, boyle)
            return vocabulary.containsKey(one) || candidatesWithinOne(w) == 1 ? one : null;
        }
        String split = split(w);
        if (split != null) return split;
        return w.length() >= 6 ? closest(w, 2, false, 0) : null;
    }

    private boolean isGeneralWord(String w) {
        if (generalWords.contains(w)) return true;
        for (String suffix : List.of("s", "es", "ed", "d", "ing", "ies")) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                String stem = w.substring(0, w.length() - suffix.length());
                if (stem.endsWith(suffix)) continue;   // "lotss" is not "lots" + s
                if (generalWords.contains(stem) || generalWords.contains(stem + "e") || generalWords.contains(stem + "y")) return true;
            }
        }
        return false;
    }

    private boolean known(String w) {
        return vocabulary.containsKey(w) || isGeneralWord(w) || SHORT_WORDS.contains(w);
    }

    private static final Set<String> SHORT_WORDS = Set.of("i", "a", "my", "me", "to", "of", "in", "on", "at", "is",
            "it", "do", "be", "by", "or", "if", "an", "as", "we", "so", "no", "up", "us");

    private String split(String w) { return split(w, 3); }

    /** {@code w} as up to {@code parts} known words written together, or null. */
    private String split(String w, int parts) {
        String best = null;
        int bestScore = -1;
        for (int i = 1; i < w.length(); i++) {
            String a = w.substring(0, i), b = w.substring(i);
            boolean aOk = (a.length() >= 3 || SHORT_WORDS.contains(a)) && known(a);
            if (!aOk) continue;
            boolean bOk = (b.length() >= 3 || SHORT_WORDS.contains(b)) && known(b);
            if (!bOk && parts > 2 && b.length() >= 5) {
                String rest = split(b, parts - 1);
                if (rest != null) return a + " " + rest;
            }
            if (!bOk) continue;
            boolean inKb = vocabulary.getOrDefault(a, 0) > 0 || vocabulary.getOrDefault(b, 0) > 0
                    || vocabulary.containsKey(a) && a.length() >= 4 || vocabulary.containsKey(b) && b.length() >= 4;
            if (!inKb) continue;
            int score = Math.min(a.length(), b.length());   // the most balanced split: "carton sale" over "cart onsale"
            if (score > bestScore) { best = a + " " + b; bestScore = score; }
        }
        return best;
    }

    /**
     * The best word at distance at most {@code max}: smaller distance, then the same first letter, then a
     * knowledge-base or colloquial word, then more frequent in the knowledge base, then alphabetical. Distance 2 only
     * with the same first letter.
     */
    private String closest(String w, int max, boolean withGeneral, int minLength) {
        String best = null;
        long bestKey = Long.MAX_VALUE;
        for (int len = Math.max(Math.max(2, minLength), w.length() - max); len <= w.length() + max; len++) {
            for (String c : byLength.getOrDefault(len, List.of())) {
                long key = key(w, c, max, vocabulary.get(c), true);
                if (key < bestKey) { best = c; bestKey = key; }
            }
            if (withGeneral) {
                for (String c : generalByLength.getOrDefault(len, List.of())) {
                    long key = key(w, c, max, 0, false);
                    if (key < bestKey) { best = c; bestKey = key; }
                }
            }
        }
        return best;
    }

    private int candidatesWithinOne(String w) {
        int n = 0;
        for (int len = w.length() - 1; len <= w.length() + 1; len++) {
            for (String c : byLength.getOrDefault(len, List.of())) if (withinOneEdit(w, c)) n++;
            for (String c : generalByLength.getOrDefault(len, List.of())) if (withinOneEdit(w, c)) n++;
        }
        return n;
    }

    /** A sort key (smaller is better) or {@code Long.MAX_VALUE} when {@code c} is not a candidate. */
    private static long key(String w, String c, int max, int frequency, boolean ours) {
        int d = max == 1 ? (withinOneEdit(w, c) ? 1 : 2) : distance(w, c, max);
        if (d > max) return Long.MAX_VALUE;
        boolean sameFirst = c.charAt(0) == w.charAt(0);
        if (d == 2 && !sameFirst) return Long.MAX_VALUE;
        return ((long) d << 40) | ((sameFirst ? 0L : 1L) << 39) | ((ours ? 0L : 1L) << 38)
                | (long) (1_000_000 - Math.min(frequency, 999_999)) << 8;
    }

    /** Whether two different words are one insertion, deletion, substitution or adjacent swap apart (linear time). */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) return false;
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) i++;
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) return true;   // substitution
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);           // adjacent swap
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    /** Optimal-string-alignment (Damerau-Levenshtein) distance, or {@code max + 1} once it exceeds {@code max}. */
    static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) return max + 1;
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return Math.min(d[a.length()][b.length()], max + 1);
    }

    private static boolean containsInOrder(List<String> haystack, List<String> phrase) {
        outer:
        for (int i = 0; i + phrase.size() <= haystack.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) if (!haystack.get(i + j).equals(phrase.get(j))) continue outer;
            return true;
        }
        return false;
    }

    /**
     * Lower-case words reduced to their stem (Snowball English), so "packages" matches "package", "exceeding"
     * "exceed" and "smuggled" "smuggling"; stop words are kept (phrases such as "can't I bring" need them).
     */
    static List<String> normalise(List<String> words) {
        EnglishStemmer stemmer = new EnglishStemmer();
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            stemmer.setCurrent(w);
            stemmer.stem();
            out.add(stemmer.getCurrent());
        }
        return out;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    private static List<Rule> loadRules() {
        InputStream in = InquiryQueryRewriter.class.getResourceAsStream("inquiry-synonyms.txt");
        if (in == null) throw new IllegalStateException("inquiry-synonyms.txt is missing from the classpath");
        List<Rule> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                int arrow = line.indexOf("=>");
                if (arrow < 0) throw new IllegalStateException("inquiry-synonyms.txt: no '=>' in " + line);
                List<List<String>> phrases = new ArrayList<>();
                for (String p : line.substring(0, arrow).split(",")) {
                    List<String> ws = words(p);
                    if (!ws.isEmpty()) phrases.add(ws);
                }
                out.add(new Rule(phrases, line.substring(arrow + 2).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
