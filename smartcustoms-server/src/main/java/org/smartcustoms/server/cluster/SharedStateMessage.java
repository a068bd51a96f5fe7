package org.smartcustoms.server.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.smartcustoms.server.risk.RiskStateChanged;

/**
 * One record of the shared-state log: exactly one of a rule change, a watch-list change, a registered model (its
 * version and files) or a promotion; {@code origin} is the node that made it. {@link #key()} is the record's key on
 * the compacted topic, so compaction keeps the newest record per rule, watch-list kind, model version and the one
 * current promotion.
 */
record SharedStateMessage(String origin, RiskStateChanged.Rule rule, RiskStateChanged.WatchList watchList,
                          String model, Map<String, byte[]> files, RiskStateChanged.ModelPromoted promotion) {
    static final String PROMOTION_KEY = "promoted-model";

    SharedStateMessage {
        Objects.requireNonNull(origin, "origin");
        long parts = Stream.of(rule, watchList, model, promotion).filter(Objects::nonNull).count();
        if (parts != 1) throw new IllegalArgumentException("a shared-state record carries exactly one change, not " + parts);
        if (model != null && (files == null || files.isEmpty())) throw new IllegalArgumentException("model " + model + " without its files");
        files = files == null ? null : Map.copyOf(files);
    }

    static SharedStateMessage of(String origin, RiskStateChanged change) {
        return switch (change) {
            case RiskStateChanged.Rule r -> new SharedStateMessage(origin, r, null, null, null, null);
            case RiskStateChanged.WatchList w -> new SharedStateMessage(origin, null, w, null, null, null);
            case RiskStateChanged.ModelPromoted p -> new SharedStateMessage(origin, null, null, null, null, p);
            case RiskStateChanged.ModelRegistered m -> throw new IllegalArgumentException("a registered model travels with its files: use model()");
        };
    }

    static SharedStateMessage model(String origin, String version, Map<String, byte[]> files) {
        return new SharedStateMessage(origin, null, null, version, files, null);
    }

    String key() {
        if (rule != null) return "rule:" + rule.ruleId();
        if (watchList != null) return "watch-list:" + watchList.kind().name();
        if (model != null) return "model:" + model;
        return PROMOTION_KEY;
    }
}
