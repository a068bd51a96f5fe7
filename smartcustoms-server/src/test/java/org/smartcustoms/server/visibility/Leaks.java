package org.smartcustoms.server.visibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a trader must never read: targeting words (scores, rules, watch lists, model, inspection outcomes) and the
 * distinctive texts of one test world (the watch-list reason, the rule name, inspection findings, an override
 * reason, the officers' usernames).
 */
final class Leaks {
    /**
     * Words that give targeting away, matched case-insensitively. "rule" only as a word (a tariff text may say
     * "ruled"), the outcome names in either spelling ("UNDERVALUATION", "undervaluation").
     */
    static final Pattern WORDS = Pattern.compile(String.join("|",
            "score", "riskScore", "modelVersion", "model version", "risk_decision", "riskDecision", "watch",
            "\\brules?\\b", "ruleVersions", "scorecard", "fraud", "random selection", "randomly",
            "undervaluation", "misclassification", "prohibited.goods", "ipr.infringement", "no.irregularity",
            "inspection result", "override", "\"reasons\"", "threat"), Pattern.CASE_INSENSITIVE);

    private final Set<String> distinctive;

    Leaks(Set<String> distinctive) {
        this.distinctive = Set.copyOf(distinctive);
    }

    /** Every forbidden word and distinctive text found in {@code text}, with a little context. */
    List<String> all(String text) {
        List<String> found = new ArrayList<>(data(text));
        Matcher m = WORDS.matcher(text);
        while (m.find()) found.add("word '" + m.group() + "' in …" + around(text, m.start(), m.end()) + "…");
        return found;
    }

    /** Only the distinctive texts of the test world (for answers that may legitimately hold the words, like scripts). */
    List<String> data(String text) {
        List<String> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String d : distinctive) {
            int i = lower.indexOf(d.toLowerCase(Locale.ROOT));
            if (i >= 0) found.add("text '" + d + "' in …" + around(text, i, i + d.length()) + "…");
        }
        return found;
    }

    private static String around(String text, int start, int end) {
        return text.substring(Math.max(0, start - 60), Math.min(text.length(), end + 60)).replaceAll("\\s+", " ");
    }
}
