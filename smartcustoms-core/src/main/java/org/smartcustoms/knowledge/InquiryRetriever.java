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
 * <p>Whether to answer ({@link AnswerEvidence}): leave one out, every entry's own question is asked against the
 * <i>other</i> entries, and the best score it reaches there is what a related but unanswerable ("near-miss") question
 * looks like. The best entry's score is placed within that distribution (relative to its median and spread), and
 * combined with the margin over the second entry, the semantic ranker's own margin for it, how much of the
 * question's rarer knowledge-base words the entry contains, and how many of the question's words neither the
 * knowledge base nor the colloquial layer knows, by a fixed logistic rule; the
 * assistant answers when that says the entry more likely answers the question than not, else hands off.
 * Immutable; build a new one when the knowledge base changes.
 */
public final class InquiryRetriever {
    /** Below this fused score nothing is answered, whatever the evidence says. */
    static final double MIN_SCORE = 0.40;
    /**
     * Weight of the shared concepts (colloquial-layer lines) in the fused score: the idf-weighted share of the
     * question's concepts the entry mentions (fully in its question or topic, half in its answer only).
     */
    static final double CONCEPT_WEIGHT = 0.15;
    /**
     * Weight of the money amounts the question names against the thresholds an entry states ({@link AmountConditions},
     * −1..1; the entry's question counts fully, its answer half).
     */
    static final double AMOUNT_WEIGHT = 0.10;
    private static final Map<String, float[]> VECTOR_CACHE = new ConcurrentHashMap<>();

    public record Match(KnowledgeEntry entry, double score, double confidence) { }

    /**
     * Best entry (possibly null), whether it is answered, the evidence the decision was made on (null without a best
     * entry), whether the semantic and lexical rankers agreed on it, and the runner-up entries.
     */
    public record Result(Match best, boolean answered, AnswerEvidence evidence, boolean rankersAgree, List<Match> alternatives) { }

    /** The 10th, 50th and 90th percentiles of the leave-one-out near-miss scores. */
    public record NearMisses(double low, double median, double high) {
        public NearMisses {
            if (!(low <= median && median <= high)) throw new IllegalArgumentException("quantiles out of order");
        }

        /** Where a score lies among the near misses: 0 at their median, 1 one 10th-to-90th spread above it. */
        double relative(double score) {
            return (score - median) / Math.max(0.01, high - low);
        }
    }

    /**
     * The fused ranking of one question, whether both rankers put its first entry first, and each entry's semantic
     * score (by entry index; {@code ranked} says which entries took part: not the left-out one, only the language asked).
     */
    private record Ranking(List<Match> matches, boolean agree, double[] semanticScores, boolean[] ranked) { }

    private final List<KnowledgeEntry> entries;
    private final TextEmbedder embedder;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final float[][] questionVectors;
    private final float[][] answerVectors;
    private final float[][][] sentenceVectors;
    private final InquiryQueryRewriter rewriter;
    private final IndexSearcher searcher;
    /** Each entry's stems (question, topic, answer) and in how many entries each stem occurs. */
    private final List<Set<String>> entryStems;
    private final Map<String, Integer> documentFrequency;
    private final NearMisses nearMisses;
    /** Each entry's concepts (colloquial-layer lines) in its question and topic, and in its answer. */
    private final List<Set<Integer>> questionConcepts, answerConcepts;
    private final double[] conceptIdf;
    /** Each entry's money thresholds (its question weight 1, its answer 0.5). */
    private final List<List<AmountConditions.Condition>> amountConditions;


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
        List<List<AmountConditions.Condition>> conditions = new ArrayList<>();
        for (KnowledgeEntry e : entries) {
            List<AmountConditions.Condition> c = new ArrayList<>(AmountConditions.conditions(e.question(), 1.0));
            c.addAll(AmountConditions.conditions(e.answer(), 0.5));
            conditions.add(List.copyOf(c));
        }
        this.amountConditions = List.copyOf(conditions);
        this.searcher = buildIndex();
        List<Set<Integer>> qc = new ArrayList<>(), ac = new ArrayList<>();
        int[] conceptDf = new int[rewriter.conceptCount()];
        for (KnowledgeEntry e : entries) {
            Set<Integer> inQuestion = rewriter.concepts(e.question() + " " + e.topic().replace('-', ' '));
            Set<Integer> inAnswer = rewriter.concepts(e.answer());
            qc.add(inQuestion);
            ac.add(inAnswer);
            Set<Integer> all = new java.util.HashSet<>(inQuestion);
            all.addAll(inAnswer);
            for (int c : all) conceptDf[c]++;
        }
        this.questionConcepts = List.copyOf(qc);
        this.answerConcepts = List.copyOf(ac);
        this.conceptIdf = new double[conceptDf.length];
        for (int c = 0; c < conceptDf.length; c++) conceptIdf[c] = conceptDf[c] == 0 ? 0 : Math.log((double) entries.size() / conceptDf[c]);
        List<Set<String>> stems = new ArrayList<>();
        Map<String, Integer> df = new java.util.HashMap<>();
        for (KnowledgeEntry e : entries) {
            Set<String> s = Set.copyOf(stems(e.question() + " " + e.topic().replace('-', ' ') + " " + e.answer()));
            stems.add(s);
            for (String t : s) df.merge(t, 1, Integer::sum);
        }
        this.entryStems = List.copyOf(stems);
        this.documentFrequency = Map.copyOf(df);
        double[] scores = nearMissScores();
        this.nearMisses = scores.length < 5 ? new NearMisses(0.5, 0.55, 0.6)
                : new NearMisses(round(quantile(scores, 0.10)), round(quantile(scores, 0.50)), round(quantile(scores, 0.90)));
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

    /** The knowledge base's near-miss score distribution the decision is relative to. */
    public NearMisses nearMisses() { return nearMisses; }

    public int size() { return entries.size(); }

    /** Ranks the entries for a question (entries of another language than {@code language} are skipped when given). */
    public Result ask(String question, String language) {
        String q = question == null ? "" : question.strip();
        if (q.length() > HsClassifier.MAX_QUERY_CHARS) q = q.substring(0, HsClassifier.MAX_QUERY_CHARS);
        if (q.isEmpty() || entries.isEmpty()) return new Result(null, false, null, false, List.of());
        String rewritten = rewriter.rewrite(q);
        Ranking ranking = rank(embedder.embed(rewritten, TextEmbedder.Kind.QUERY), rewritten, rewriter.concepts(rewriter.correctTypos(q)),
                AmountConditions.amounts(q), -1, language);
        List<Match> ranked = ranking.matches();
        if (ranked.isEmpty()) return new Result(null, false, null, false, List.of());
        Match best = ranked.get(0);
        List<String> questionStems = stems(rewritten);
        String corrected = rewriter.correctTypos(q);
        List<String> ownStems = stems(corrected);
        Set<String> understood = Set.copyOf(stems(String.join(" ", rewriter.phraseWords(corrected))));
        AnswerEvidence evidence = evidence(best, ranked.size() > 1 ? ranked.get(1).score() : nearMisses.low(), ranking, questionStems, ownStems, understood);
        best = new Match(best.entry(), best.score(), round(evidence.probability()));
        List<Match> alternatives = new ArrayList<>();
        for (Match m : ranked.subList(1, Math.min(4, ranked.size()))) {
            AnswerEvidence e = evidence(m, best.score(), ranking, questionStems, ownStems, understood);
            alternatives.add(new Match(m.entry(), m.score(), round(e.probability())));
        }
        boolean answered = evidence.answer() && best.score() >= MIN_SCORE;
        return new Result(best, answered, evidence, ranking.agree(), List.copyOf(alternatives));
    }

    /** The evidence for answering with {@code m}, whose nearest competitor scored {@code competitor}. */
    private AnswerEvidence evidence(Match m, double competitor, Ranking ranking, List<String> questionStems, List<String> ownStems,
                                    Set<String> understood) {
        int i = entries.indexOf(m.entry());
        double[] semantic = ranking.semanticScores();
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < semantic.length; j++) if (j != i && ranking.ranked()[j]) other = Math.max(other, semantic[j]);
        double semanticMargin = Double.isFinite(other) ? semantic[i] - other : 0;
        return AnswerEvidence.of(nearMisses.relative(m.score()), m.score() - competitor, semanticMargin, questionStems, ownStems,
                understood, entryStems.get(i), documentFrequency, entries.size());
    }

    private Ranking rank(float[] qv, String q, Set<Integer> concepts, List<AmountConditions.Amount> amounts, int exclude, String language) {
        float[] bm = bm25(q, exclude);
        double conceptTotal = 0;
        for (int c : concepts) conceptTotal += conceptIdf[c];
        List<Match> out = new ArrayList<>();
        double[] semanticScores = new double[entries.size()];
        boolean[] taking = new boolean[entries.size()];
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
            double shared = 0;
            for (int c : concepts) {
                if (questionConcepts.get(i).contains(c)) shared += conceptIdf[c];
                else if (answerConcepts.get(i).contains(c)) shared += 0.5 * conceptIdf[c];
            }
            double conceptScore = conceptTotal > 0 ? shared / conceptTotal : 0;
            semanticScores[i] = semantic;
            taking[i] = true;
            double amountScore = AmountConditions.consistency(amounts, amountConditions.get(i));
            out.add(new Match(e, round(semantic + 0.15 * bm[i] + CONCEPT_WEIGHT * conceptScore + AMOUNT_WEIGHT * amountScore), 0));
        }
        out.sort(Comparator.comparingDouble(m -> -m.score()));
        boolean agree = !out.isEmpty() && semanticTop >= 0 && semanticTop == lexicalTop
                && entries.get(semanticTop).equals(out.get(0).entry());
        return new Ranking(out, agree, semanticScores, taking);
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
            List<Match> r = rank(vectors.get(i), questions.get(i), rewriter.concepts(entries.get(i).question()),
                    AmountConditions.amounts(entries.get(i).question()), i, null).matches();
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
