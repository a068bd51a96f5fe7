package org.smartcustoms.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A suggested HS subheading: confidence in [0, 1] (the suggestions of one query sum to at most 1), the nomenclature
 * path from section to subheading, the query words each level matched, curated trade words that matched, and
 * similar past declarations with their codes.
 */
public record HsSuggestion(String hs6, String description, double confidence, List<HsNode> path,
                           List<String> matchedTerms, List<String> matchedKeywords, List<SimilarDeclaration> similar) {
    public HsSuggestion {
        Objects.requireNonNull(hs6, "hs6");
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence must be in [0, 1]");
        path = List.copyOf(path);
        matchedTerms = List.copyOf(matchedTerms);
        matchedKeywords = List.copyOf(matchedKeywords);
        similar = List.copyOf(similar);
    }

    /** A past declaration (or officer's reclassification) whose description is close to the query. */
    public record SimilarDeclaration(String description, String hs6, String source, double similarity) { }
}
