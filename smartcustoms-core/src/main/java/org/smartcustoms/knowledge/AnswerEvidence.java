package org.smartcustoms.knowledge;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the inquiry assistant knows about its best entry for a question when it decides whether to answer, and the
 * decision itself: a logistic combination of four features that mean the same on any knowledge base.
 *
 * @param relativeScore where the fused score lies among the knowledge base's own near misses (leave one out: each
 *                      entry's question asked against the other entries): (score − their median) / (their 90th − their
 *                      10th percentile); 0 is a typical near miss, positive is closer than that
 * @param margin        fused score of the best entry minus that of the second
 * @param coverage      share of the question's knowledge-base words (stems), weighted by rarity (idf = ln(N / df)),
 *                      that the best entry contains (question, topic or answer), 0..1
 * @param unknownShare  share of the question's distinct stems (its own words, typos corrected, without the words the
 *                      colloquial layer adds) that no entry of the knowledge base contains, 0..1: a question about
 *                      things the knowledge base never mentions is likely out of scope
 */
public record AnswerEvidence(double relativeScore, double margin, double coverage, double unknownShare) {
    /*
     * Coefficients of a logistic regression (L2 0.01 on standardised features, then expressed on the raw features)
     * fitted once on docs/examples/inquiry/own-questions-A.csv only: label 1 when the fused ranking's first entry is
     * the expected one, 0 when it is another entry or the question is out of scope. Not fitted on sets B, C, D or
     * any dev file. Refitted in session 12 the same way after the ranking gained the concept score (which moves the
     * scores and the near misses) and the unknown share moved to the visitor's own words. The features are relative to the knowledge base (near-miss quantiles, shares, idf), so they carry
     * over to another knowledge base; the answer is given when the probability is at least one half.
     */
    static final double BIAS = 0.01;
    static final double W_RELATIVE_SCORE = 3.06;
    static final double W_MARGIN = 4.82;
    static final double W_COVERAGE = 0.62;
    static final double W_UNKNOWN = -3.91;

    public AnswerEvidence {
        if (!Double.isFinite(relativeScore) || !Double.isFinite(margin)) throw new IllegalArgumentException("scores must be finite");
        if (!(coverage >= 0 && coverage <= 1)) throw new IllegalArgumentException("coverage must be in 0..1: " + coverage);
        if (!(unknownShare >= 0 && unknownShare <= 1)) throw new IllegalArgumentException("unknownShare must be in 0..1: " + unknownShare);
    }

    /**
     * The coverage and unknown share of a question's stems against the best entry's stems, with the knowledge base's
     * document frequencies ({@code df}: in how many of its {@code entries} a stem occurs).
     */
    static AnswerEvidence of(double relativeScore, double margin, Collection<String> questionStems, Set<String> entryStems,
                             Map<String, Integer> df, int entries) {
        return of(relativeScore, margin, questionStems, questionStems, entryStems, df, entries);
    }

    /**
     * As above, with the unknown share taken over {@code ownStems} (the visitor's own words, typos corrected, before
     * the colloquial layer adds the knowledge base's words, which are all known and would dilute it).
     */
    static AnswerEvidence of(double relativeScore, double margin, Collection<String> questionStems, Collection<String> ownStems,
                             Set<String> entryStems, Map<String, Integer> df, int entries) {
        Set<String> distinct = Set.copyOf(questionStems);
        double known = 0, covered = 0;
        int unknown = 0;
        for (String t : distinct) {
            int d = df.getOrDefault(t, 0);
            if (d == 0) continue;
            double idf = Math.log((double) entries / d);
            known += idf;
            if (entryStems.contains(t)) covered += idf;
        }
        double coverage = known > 0 ? Math.min(1, covered / known) : 0;
        Set<String> own = Set.copyOf(ownStems);
        for (String t : own) if (df.getOrDefault(t, 0) == 0) unknown++;
        double unknownShare = own.isEmpty() ? 1 : (double) unknown / own.size();
        return new AnswerEvidence(relativeScore, margin, coverage, unknownShare);
    }

    /** Log-odds that the best entry answers the question. */
    public double logit() {
        return BIAS + W_RELATIVE_SCORE * relativeScore + W_MARGIN * margin + W_COVERAGE * coverage + W_UNKNOWN * unknownShare;
    }

    /** Probability that the best entry answers the question (the answer's confidence). */
    public double probability() {
        return 1 / (1 + Math.exp(-logit()));
    }

    /** Answer when the best entry more likely answers the question than not. */
    public boolean answer() {
        return logit() >= 0;
    }
}
