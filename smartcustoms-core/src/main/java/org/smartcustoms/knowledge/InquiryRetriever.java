package org.smartcustoms.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Finds the knowledge-base entry that answers a question. The question is first rewritten towards the knowledge
 * base's words ({@link InquiryQueryRewriter}: typos, colloquial words). Two rankers then look at it independently:
 * a <b>semantic</b> one (all-MiniLM cosine with the entry's question and topic, its whole answer and its best answer
 * sentence) and a <b>lexical</b> one (BM25 over question, topic and answer with one-edit fuzzy terms); the final
 * ranking fuses both.
 *
 * <p>Whether to answer is decided from the knowledge base alone, never from evaluation questions. Leave one out:
 * every entry's own question is asked against the <i>other</i> entries, and the best score it reaches there is what
 * a related but unanswerable ("near-miss") question looks like. Two rules follow from that distribution:
 * <ul>
 *   <li>when both rankers put the same entry first (two independent views agree), the answer is given if the
 *   question is at least as close to it as the knowledge base's own questions are to their nearest other entry
 *   in 90% of cases (the 10th percentile of the near-miss scores): closer than that, the question is in scope;</li>
 *   <li>when they disagree, the answer is given only above the 90th percentile of the near-miss scores.</li>
 * </ul>
 * Below, the assistant hands off. Immutable; build a new one when the knowledge base changes.
 */
public final class InquiryRetriever {
    /** Lowest threshold whatever the calibration says. */
    static final double MIN_THRESHOLD = 0.40;
    /** Share of the leave-one-out near-miss scores below the in-scope floor (when both rankers agree). */
    static final double AGREEMENT_QUANTILE = 0.10;
    /** Share of the leave-one-out near-miss scores below the threshold when the rankers disagree. */
    static final double DISAGREEMENT_QUANTILE = 0.90;
    private static final Map<String, float[]> VECTOR_CACHE = new ConcurrentHashMap<>();

    public record Match(KnowledgeEntry entry, double score, double confidence) { }

    /**
     * Best entry (possibly null), whether it is answered, the threshold that applied to it, whether the semantic
     * and lexical rankers agreed on it, and the runner-up entries.
     */
    public record Result(Match best, boolean answered, double threshold, boolean rankersAgree, List<Match> alternatives) { }

    /** The fused ranking of one question and whether both rankers put its first entry first. */
    private record Ranking(List<Match> matches, boolean agree) { }

    private final List<KnowledgeEntry> entries;
    private final TextEmbedder embedder;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final float[][] questionVectors;
    private final float[][] answerVectors;
    private final float[][][] sentenceVectors;
    private final InquiryQueryRewriter rewriter;
    private final IndexSearcher searcher;
    private final double agreementThreshold;
    private final double threshold;

    private InquiryRetriever(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        this.entries = List.copyOf(entries);
        this.embedder = embedder;
        this.questionVectors = new float[entries.size()][];
        this.answerVectors = new float[entries.size()][];
        this.sentenceVectors = new float[entries.size()][][];
        // a knowledge-base question is compared with a visitor's question as an equal (both queries); an answer
        // is a passage a question should find
        List<String> queries = new ArrayList<>(), passages = new ArrayList<>();
        for (KnowledgeEntry e : entries) {
            queries.add(questionText(e));
            passages.add(e.answer());
            passages.addAll(sentences(e.answer()));
        }
        Map<String, float[]> q = vectors(queries, TextEmbedder.Kind.QUERY), p = vectors(passages, TextEmbedder.Kind.PASSAGE);
        for (int i = 0; i < entries.size(); i++) {
            questionVectors[i] = q.get(questionText(entries.get(i)));
            answerVectors[i] = p.get(entries.get(i).answer());
            sentenceVectors[i] = sentences(entries.get(i).answer()).stream().map(p::get).toArray(float[][]::new);
        }
        List<String> kbTexts = new ArrayList<>();
        for (KnowledgeEntry e : entries) { kbTexts.add(e.question()); kbTexts.add(e.topic()); kbTexts.add(e.answer()); }
        this.rewriter = new InquiryQueryRewriter(kbTexts, embedder.knownWords());
        this.searcher = buildIndex();
        double[] nearMisses = nearMissScores();
        if (nearMisses.length < 5) {
            this.agreementThreshold = 0.5;
            this.threshold = 0.6;
        } else {
            this.agreementThreshold = round(Math.max(MIN_THRESHOLD, quantile(nearMisses, AGREEMENT_QUANTILE)));
            this.threshold = round(Math.max(MIN_THRESHOLD, quantile(nearMisses, DISAGREEMENT_QUANTILE)));
        }
    }

    private String cacheKey(String text, TextEmbedder.Kind kind) {
        return embedder.modelName() + "|" + kind + "|" + text;
    }

    /** The vector of every text (from the JVM-wide cache, keyed by model, kind and text, or embedded now). */
    private Map<String, float[]> vectors(List<String> texts, TextEmbedder.Kind kind) {
        Map<String, float[]> out = new java.util.HashMap<>();
        Set<String> absent = new LinkedHashSet<>();
        for (String t : texts) {
            float[] v = VECTOR_CACHE.get(cacheKey(t, kind));
            if (v != null) out.put(t, v);
            else absent.add(t);
        }
        if (!absent.isEmpty()) {
            List<String> missing = List.copyOf(absent);
            List<float[]> vs = embedder.embedAll(missing, kind);
            if (VECTOR_CACHE.size() + missing.size() > 50_000) VECTOR_CACHE.clear();
            for (int i = 0; i < missing.size(); i++) {
                out.put(missing.get(i), vs.get(i));
                VECTOR_CACHE.put(cacheKey(missing.get(i), kind), vs.get(i));
            }
        }
        return out;
    }

    public static InquiryRetriever build(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        return new InquiryRetriever(entries, embedder);
    }

    /** The threshold when the rankers disagree (the stricter one). */
    public double threshold() { return threshold; }

    /** The in-scope floor when both rankers agree on the first entry. */
    public double agreementThreshold() { return agreementThreshold; }

    public int size() { return entries.size(); }

    /** Ranks the entries for a question (entries of another language than {@code language} are skipped when given). */
    public Result ask(String question, String language) {
        String q = question == null ? "" : question.strip();
        if (q.length() > HsClassifier.MAX_QUERY_CHARS) q = q.substring(0, HsClassifier.MAX_QUERY_CHARS);
        if (q.isEmpty() || entries.isEmpty()) return new Result(null, false, threshold, false, List.of());
        String rewritten = rewriter.rewrite(q);
        Ranking ranking = rank(embedder.embed(rewritten, TextEmbedder.Kind.QUERY), rewritten, -1, language);
        List<Match> ranked = ranking.matches();
        if (ranked.isEmpty()) return new Result(null, false, threshold, false, List.of());
        double applies = ranking.agree() ? agreementThreshold : threshold;
        Match best = ranked.get(0);
        best = new Match(best.entry(), best.score(), confidence(best.score(), applies));
        List<Match> alternatives = new ArrayList<>();
        for (Match m : ranked.subList(1, Math.min(4, ranked.size()))) {
            alternatives.add(new Match(m.entry(), m.score(), confidence(m.score(), threshold)));
        }
        return new Result(best, best.score() >= applies, applies, ranking.agree(), List.copyOf(alternatives));
    }

    private static double confidence(double score, double threshold) {
        return round(1 / (1 + Math.exp(-(score - threshold) / 0.04)));
    }

    private Ranking rank(float[] qv, String q, int exclude, String language) {
        float[] bm = bm25(q, exclude);
        List<Match> out = new ArrayList<>();
        int semanticTop = -1, lexicalTop = -1;
        double semanticBest = Double.NEGATIVE_INFINITY, lexicalBest = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (i == exclude) continue;
            KnowledgeEntry e = entries.get(i);
            if (language != null && !language.isBlank() && !e.language().equals(language)) continue;
            double cq = TextEmbedder.dot(qv, questionVectors[i]);
            double ca = TextEmbedder.dot(qv, answerVectors[i]);
            double cs = ca;
            for (float[] sv : sentenceVectors[i]) cs = Math.max(cs, TextEmbedder.dot(qv, sv));
            double semantic = 0.55 * cq + 0.15 * ca + 0.15 * cs;
            if (semantic > semanticBest) { semanticBest = semantic; semanticTop = i; }
            if (bm[i] > lexicalBest) { lexicalBest = bm[i]; lexicalTop = i; }
            out.add(new Match(e, round(semantic + 0.15 * bm[i]), 0));
        }
        out.sort(Comparator.comparingDouble(m -> -m.score()));
        boolean agree = !out.isEmpty() && semanticTop >= 0 && semanticTop == lexicalTop
                && entries.get(semanticTop).equals(out.get(0).entry());
        return new Ranking(out, agree);
    }

    /** BM25 score of each entry relative to the best one (0..1), with one-edit fuzzy terms for typos. */
    private float[] bm25(String q, int exclude) {
        float[] out = new float[entries.size()];
        Set<String> terms = new LinkedHashSet<>(stems(q));
        if (terms.isEmpty()) return out;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (String t : terms) {
            if (++n > 60) break;
            b.add(new BoostQuery(new TermQuery(new Term("q", t)), 1.0f), BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term("t", t)), 0.5f), BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term("a", t)), 0.4f), BooleanClause.Occur.SHOULD);
            if (t.length() >= 5) {
                b.add(new BoostQuery(new FuzzyQuery(new Term("q", t), 1, 2), 0.4f), BooleanClause.Occur.SHOULD);
                b.add(new BoostQuery(new FuzzyQuery(new Term("a", t), 1, 2), 0.2f), BooleanClause.Occur.SHOULD);
            }
        }
        try {
            ScoreDoc[] docs = searcher.search(b.build(), entries.size()).scoreDocs;
            var stored = searcher.storedFields();
            float max = 0;
            for (ScoreDoc d : docs) {
                int i = stored.document(d.doc).getField("i").numericValue().intValue();
                if (i == exclude) continue;
                out[i] = d.score;
                max = Math.max(max, d.score);
            }
            if (max > 0) for (int i = 0; i < out.length; i++) out[i] /= max;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Leave one out: the best score each entry's own question reaches among the other entries, sorted. The question
     * goes through the same pipeline as a visitor's (rewritten, embedded without its topic), so that the near misses
     * are measured on the scale real questions are.
     */
    private double[] nearMissScores() {
        if (entries.size() < 5) return new double[0];
        List<String> questions = entries.stream().map(e -> rewriter.rewrite(e.question())).toList();
        List<float[]> vectors = embedder.embedAll(questions, TextEmbedder.Kind.QUERY);
        double[] best = new double[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            List<Match> r = rank(vectors.get(i), questions.get(i), i, null).matches();
            best[i] = r.isEmpty() ? 0 : r.get(0).score();
        }
        Arrays.sort(best);
        return best;
    }

    /** The q-quantile of sorted values (nearest rank). */
    static double quantile(double[] sorted, double q) {
        int i = (int) Math.round(q * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private IndexSearcher buildIndex() {
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < entries.size(); i++) {
                    KnowledgeEntry e = entries.get(i);
                    Document d = new Document();
                    d.add(new StoredField("i", i));
                    d.add(new TextField("q", e.question(), Field.Store.NO));
                    d.add(new TextField("t", e.topic().replace('-', ' '), Field.Store.NO));
                    d.add(new TextField("a", e.answer(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            return new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> stems(String text) {
        return AnalyzedTerms.of(analyzer, text);
    }

    /** The answer's sentences (only when it has more than one). */
    static List<String> sentences(String answer) {
        List<String> out = new ArrayList<>();
        for (String s : answer.split("(?<=[.!?])\\s+")) if (s.strip().length() >= 12) out.add(s.strip());
        return out.size() > 1 ? out : List.of();
    }

    private static String questionText(KnowledgeEntry e) {
        return e.topic().isEmpty() ? e.question() : e.question() + " (" + e.topic().replace('-', ' ') + ")";
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
