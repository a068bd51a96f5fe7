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
 * Finds the knowledge-base entry that answers a question: embeddings of the entry's question and answer
 * (all-MiniLM) combined with BM25 over question, topic and answer, with one-edit fuzzy matching for typos.
 * Answers only above a threshold calibrated on the knowledge base itself: every entry's own question is asked
 * against the other entries (leave one out), and the threshold is the median such a near-miss question reaches.
 * Below it the assistant hands off. Immutable; build a new one when the knowledge base changes.
 */
public final class InquiryRetriever {
    /** Lowest threshold whatever the calibration says. */
    static final double MIN_THRESHOLD = 0.50;
    private static final Map<String, float[]> VECTOR_CACHE = new ConcurrentHashMap<>();

    public record Match(KnowledgeEntry entry, double score, double confidence) { }

    /** Best entry (possibly null), whether it clears the threshold, and the runner-up entries. */
    public record Result(Match best, boolean answered, double threshold, List<Match> alternatives) { }

    private final List<KnowledgeEntry> entries;
    private final TextEmbedder embedder;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final float[][] questionVectors;
    private final float[][] answerVectors;
    private final IndexSearcher searcher;
    private final double threshold;

    private InquiryRetriever(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        this.entries = List.copyOf(entries);
        this.embedder = embedder;
        this.questionVectors = new float[entries.size()][];
        this.answerVectors = new float[entries.size()][];
        List<String> texts = new ArrayList<>();
        for (KnowledgeEntry e : entries) { texts.add(questionText(e)); texts.add(e.answer()); }
        List<String> missing = texts.stream().filter(t -> !VECTOR_CACHE.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vs = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                if (VECTOR_CACHE.size() > 50_000) VECTOR_CACHE.clear();
                VECTOR_CACHE.put(missing.get(i), vs.get(i));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            questionVectors[i] = VECTOR_CACHE.get(questionText(entries.get(i)));
            answerVectors[i] = VECTOR_CACHE.get(entries.get(i).answer());
        }
        this.searcher = buildIndex();
        this.threshold = calibrate();
    }

    public static InquiryRetriever build(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        return new InquiryRetriever(entries, embedder);
    }

    public double threshold() { return threshold; }

    public int size() { return entries.size(); }

    /** Ranks the entries for a question (entries of another language than {@code language} are skipped when given). */
    public Result ask(String question, String language) {
        String q = question == null ? "" : question.strip();
        if (q.length() > HsClassifier.MAX_QUERY_CHARS) q = q.substring(0, HsClassifier.MAX_QUERY_CHARS);
        if (q.isEmpty() || entries.isEmpty()) return new Result(null, false, threshold, List.of());
        List<Match> ranked = rank(embedder.embed(q), q, -1, language);
        if (ranked.isEmpty()) return new Result(null, false, threshold, List.of());
        Match best = ranked.get(0);
        return new Result(best, best.score() >= threshold, threshold, ranked.subList(1, Math.min(4, ranked.size())));
    }

    private List<Match> rank(float[] qv, String q, int exclude, String language) {
        float[] bm = bm25(q, exclude);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i == exclude) continue;
            KnowledgeEntry e = entries.get(i);
            if (language != null && !language.isBlank() && !e.language().equals(language)) continue;
            double cq = TextEmbedder.dot(qv, questionVectors[i]);
            double ca = TextEmbedder.dot(qv, answerVectors[i]);
            double s = 0.55 * cq + 0.30 * ca + 0.15 * bm[i];
            out.add(new Match(e, round(s), 0));
        }
        out.sort(Comparator.comparingDouble(m -> -m.score()));
        List<Match> withConfidence = new ArrayList<>();
        for (Match m : out) {
            double conf = 1 / (1 + Math.exp(-(m.score() - threshold) / 0.04));
            withConfidence.add(new Match(m.entry(), m.score(), round(conf)));
        }
        return withConfidence;
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
     * Leave-one-out: the best score an entry's own question reaches among the other entries is what a related but
     * unanswerable question looks like. The threshold is the 90th percentile of those scores (at least
     * {@link #MIN_THRESHOLD}).
     */
    private double calibrate() {
        if (entries.size() < 5) return 0.6;
        double[] best = new double[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            List<Match> r = rank(questionVectors[i], entries.get(i).question(), i, null);
            best[i] = r.isEmpty() ? 0 : r.get(0).score();
        }
        Arrays.sort(best);
        double median = best[(best.length - 1) / 2];
        return round(Math.max(MIN_THRESHOLD, median));
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

    private static String questionText(KnowledgeEntry e) {
        return e.topic().isEmpty() ? e.question() : e.question() + " (" + e.topic().replace('-', ' ') + ")";
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
