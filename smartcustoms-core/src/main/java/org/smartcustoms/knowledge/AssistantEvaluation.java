package org.smartcustoms.knowledge;

import java.io.IOException;
import java.io.Reader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Scores {@link InquiryRetriever} on a CSV {@code question,expected_id} where {@code HANDOFF} means the question
 * should be handed off: {@code answeredCorrect}/{@code answeredWrong} are shares of the answerable questions
 * (answered with the expected / another entry), {@code handoffCorrect} the share of HANDOFF questions handed off.
 */
public final class AssistantEvaluation {
    public static final String HANDOFF = "HANDOFF";

    /** {@code nearMisses}: the knowledge base's own near-miss scores the retriever's decision is relative to. */
    public record Result(double answeredCorrect, double answeredWrong, double handoffCorrect, int rows,
                         InquiryRetriever.NearMisses nearMisses) { }

    private AssistantEvaluation() { }

    public static Result evaluate(InquiryRetriever retriever, Reader questions) throws IOException {
        return evaluate(retriever, questions, new TypoNoise(0, 0));
    }

    /** As {@link #evaluate(InquiryRetriever, Reader)}, every question first given the typos of {@code noise}. */
    public static Result evaluate(InquiryRetriever retriever, Reader questions, TypoNoise noise) throws IOException {
        int answerable = 0, correct = 0, wrong = 0, handoffs = 0, handedOff = 0, rows = 0;
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(questions)) {
            rows++;
            String expected = r.get("expected_id");
            InquiryRetriever.Result res = retriever.ask(noise.apply(r.get("question")), null);
            if (HANDOFF.equalsIgnoreCase(expected)) {
                handoffs++;
                if (!res.answered()) handedOff++;
            } else {
                answerable++;
                if (res.answered()) {
                    if (res.best().entry().id().equals(expected)) correct++;
                    else wrong++;
                }
            }
        }
        if (rows == 0) throw new IllegalArgumentException("the questions file has no rows");
        return new Result(share(correct, answerable), share(wrong, answerable), share(handedOff, handoffs), rows,
                retriever.nearMisses());
    }

    private static double share(int a, int n) { return n == 0 ? 0 : Math.round(1000.0 * a / n) / 1000.0; }
}
