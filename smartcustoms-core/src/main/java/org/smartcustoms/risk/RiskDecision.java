package org.smartcustoms.risk;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The risk decision on a declaration, as stored with it and returned to the declarant's system and the
 * officer: a 0-100 score, a per-threat scorecard, the channel, the reasons in words, whether it was a
 * random selection, and the model and rule versions that produced it (for audit and re-play).
 */
public record RiskDecision(int score, Map<Threat, Level> scorecard, Channel channel, List<Reason> reasons,
                           boolean randomlySelected, String modelVersion, List<String> ruleVersions,
                           double fraudProbability) {
    public RiskDecision {
        if (score < 0 || score > 100) throw new IllegalArgumentException("score must be in 0..100: " + score);
        Objects.requireNonNull(channel, "channel");
        EnumMap<Threat, Level> card = new EnumMap<>(Threat.class);
        for (Threat t : Threat.values()) card.put(t, Level.LOW);
        if (scorecard != null) card.putAll(scorecard);
        scorecard = Collections.unmodifiableMap(card);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        ruleVersions = ruleVersions == null ? List.of() : List.copyOf(ruleVersions);
        modelVersion = modelVersion == null ? "none" : modelVersion;
    }

    /** KCS "Critical Fraud": a non-fiscal threat (prohibited goods, security) rated HIGH. */
    public boolean criticalFraud() {
        return scorecard.entrySet().stream().anyMatch(e -> e.getKey().isCritical() && e.getValue() == Level.HIGH);
    }

    /** The reasons as numbered sentences, for display. */
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        sb.append("Score ").append(score).append(", channel ").append(channel);
        int i = 1;
        for (Reason r : reasons) sb.append('\n').append(i++).append(". [").append(r.source()).append("] ").append(r.text());
        return sb.toString();
    }
}
