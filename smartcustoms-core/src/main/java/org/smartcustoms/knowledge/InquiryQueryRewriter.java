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
 *   <li><b>Typos</b>: a word of the question that appears nowhere in the knowledge base, in the colloquial
 *   vocabulary or in a general dictionary (the embedding model's word list) is replaced by the knowledge-base or
 *   colloquial word closest to it (Damerau-Levenshtein distance 1, or 2 for words of 8 letters or more; the word more
 *   frequent in the knowledge base wins a tie), so "cigarretes" becomes "cigarettes" and "pacakge" "package".</li>
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

    String correctTypos(String question) {
        Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT);
            String replacement = lower.length() < 4 || vocabulary.containsKey(lower) || isGeneralWord(lower) ? null : closest(lower);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? w : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean isGeneralWord(String w) {
        if (generalWords.contains(w)) return true;
        for (String suffix : List.of("s", "es", "ed", "d", "ing", "ies")) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                String stem = w.substring(0, w.length() - suffix.length());
                if (generalWords.contains(stem) || generalWords.contains(stem + "e") || generalWords.contains(stem + "y")) return true;
            }
        }
        return false;
    }

    private String closest(String w) {
        int max = w.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = max + 1, bestFrequency = -1;
        for (int len = w.length() - max; len <= w.length() + max; len++) {
            for (String c : byLength.getOrDefault(len, List.of())) {
                int d = distance(w, c, max);
                int f = vocabulary.get(c);
                if (d < bestDistance || (d == bestDistance && f > bestFrequency)) {
                    best = c; bestDistance = d; bestFrequency = f;
                }
            }
        }
        return bestDistance <= max ? best : null;
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
