package org.smartcustoms.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The answer-or-hand-off evidence: its features from stems, and how each moves the decision. */
class AnswerEvidenceTest {
    /** Four entries: "alcohol" occurs in one, "duti" in all four, "allow" in two. */
    static final Map<String, Integer> DF = Map.of("alcohol", 1, "duti", 4, "allow", 2);

    @Test
    void coverageWeighsTheQuestionsRarerWordsAndUnknownWordsAreCountedApart() {
        // "alcohol" (idf ln 4) is in the entry, "allow" (idf ln 2) is not, "duti" (idf 0) weighs nothing, "soju" is unknown
        AnswerEvidence e = AnswerEvidence.of(0, 0, 0, List.of("alcohol", "allow", "duti", "soju", "soju"), Set.of("alcohol", "duti"), DF, 4);
        assertThat(e.coverage()).isCloseTo(Math.log(4) / (Math.log(4) + Math.log(2)), within(1e-9));
        assertThat(e.unknownShare()).isCloseTo(0.25, within(1e-9));
        AnswerEvidence none = AnswerEvidence.of(0, 0, 0, List.of(), Set.of("alcohol"), DF, 4);
        assertThat(none.coverage()).isZero();
        assertThat(none.unknownShare()).isEqualTo(1);
    }

    @Test
    void theUnknownShareIsOverTheVisitorsOwnWordsNotTheWordsTheColloquialLayerAdds() {
        // "how much booze in osaka": the colloquial layer adds "alcohol" (known); the visitor's own words are 1 known
        // ("allow"), 2 unknown ("booz", "osaka")
        AnswerEvidence e = AnswerEvidence.of(0, 0, 0, List.of("allow", "booz", "osaka", "alcohol", "duti"), List.of("allow", "booz", "osaka"),
                Set.of(), Set.of("alcohol", "duti"), DF, 4);
        assertThat(e.unknownShare()).isCloseTo(2.0 / 3, within(1e-9));
        // coverage still counts the added words: "alcohol" (ln 4) covered, "allow" (ln 2) not
        assertThat(e.coverage()).isCloseTo(Math.log(4) / (Math.log(4) + Math.log(2)), within(1e-9));
    }

    @Test
    void wordsOfAColloquialPhraseTheQuestionContainsAreNotUnknown() {
        // "salami ok": "salami" is in no entry but the colloquial layer understands it (meat products); "ok" is unknown
        List<String> own = List.of("salami", "ok");
        AnswerEvidence plain = AnswerEvidence.of(0, 0, 0, own, own, Set.of(), Set.of("alcohol"), DF, 4);
        AnswerEvidence understood = AnswerEvidence.of(0, 0, 0, own, own, Set.of("salami"), Set.of("alcohol"), DF, 4);
        assertThat(plain.unknownShare()).isEqualTo(1);
        assertThat(understood.unknownShare()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void eachFeatureMovesTheDecisionItsOwnWay() {
        AnswerEvidence base = new AnswerEvidence(0.5, 0.05, 0.05, 0.5, 0.2);
        assertThat(new AnswerEvidence(1.0, 0.05, 0.05, 0.5, 0.2).logit()).isGreaterThan(base.logit());
        assertThat(new AnswerEvidence(0.5, 0.10, 0.05, 0.5, 0.2).logit()).isGreaterThan(base.logit());
        assertThat(new AnswerEvidence(0.5, 0.05, 0.05, 0.9, 0.2).logit()).isGreaterThan(base.logit());
        assertThat(new AnswerEvidence(0.5, 0.05, 0.05, 0.5, 0.6).logit()).isLessThan(base.logit());
        // the embedding ranking alone preferring another entry counts against answering
        assertThat(new AnswerEvidence(0.5, 0.05, -0.05, 0.5, 0.2).logit()).isLessThan(base.logit());
    }

    @Test
    void answersWhenMoreLikelyThanNot() {
        // below a typical near miss, barely ahead of the second entry, a third covered: hand off
        AnswerEvidence nearMiss = new AnswerEvidence(-0.3, 0.01, 0.05, 0.3, 0);
        assertThat(nearMiss.answer()).isFalse();
        assertThat(nearMiss.probability()).isLessThan(0.5);
        // well above the near misses, clearly ahead of the second entry and covering its words: answer
        AnswerEvidence clear = new AnswerEvidence(1, 0.08, 0.05, 0.9, 0);
        assertThat(clear.answer()).isTrue();
        assertThat(clear.probability()).isGreaterThan(0.5);
        // the same closeness about words the knowledge base never uses: hand off
        assertThat(new AnswerEvidence(0.3, 0.03, 0.05, 0.6, 0.6).answer()).isFalse();
        assertThat(new AnswerEvidence(0.3, 0.03, 0.05, 0.6, 0).answer()).isTrue();
    }

    @Test
    void featuresAreValidated() {
        assertThatThrownBy(() -> new AnswerEvidence(0, 0, 0.05, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerEvidence(0, 0, 0.05, 0.5, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerEvidence(Double.NaN, 0, 0.05, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerEvidence(0, 0, Double.POSITIVE_INFINITY, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
