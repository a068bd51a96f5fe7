package org.smartcustoms.server.risk;

import java.io.IOException;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Applies a {@link RiskStateChanged} made on another node (cluster mode) to this node's live engine. Rules and watch
 * lists live in the shared database, so applying one is reloading them from it, but only once the database holds at
 * least the announced version: a reload that would read an older state reports {@code false} and is retried, so a
 * stale read never has the last word. Models live in each node's file registry and arrive as their files.
 * Applying the same change twice changes nothing.
 */
@Component
public class RiskStateReplica {
    private final RiskStore store;
    private final LiveRiskEngine live;
    private final RiskModels models;

    RiskStateReplica(RiskStore store, LiveRiskEngine live, RiskModels models) {
        this.store = store;
        this.live = live;
        this.models = models;
    }

    /** Reloads the rules if the database holds {@code change}'s version of its rule (or a later one). */
    public boolean apply(RiskStateChanged.Rule change) {
        int stored = store.currentRule(change.ruleId()).map(org.smartcustoms.risk.rules.Rule::version).orElse(0);
        if (stored < change.version()) return false;
        live.reloadRules();
        return true;
    }

    /** Reloads the watch lists if the database holds {@code change}'s version of its kind (or a later one). */
    public boolean apply(RiskStateChanged.WatchList change) {
        if (store.latestWatchListVersion(change.kind().name()) < change.version()) return false;
        live.reloadWatchList();
        return true;
    }

    /** Follows a promotion made elsewhere (its model must be installed); false when this node is already there. */
    public boolean apply(RiskStateChanged.ModelPromoted change) throws IOException {
        return models.adopt(change);
    }

    /** Registers a model from its files; false when it is already registered here. */
    public boolean install(String version, Map<String, byte[]> files) throws IOException {
        return models.install(version, files);
    }

    /** The files of a model registered here. */
    public Map<String, byte[]> files(String version) throws IOException {
        return models.files(version);
    }

    /** Reloads rules and watch lists from the database (after a late node has read the whole log). */
    public void reloadAll() {
        live.reloadRules();
        live.reloadWatchList();
    }
}
