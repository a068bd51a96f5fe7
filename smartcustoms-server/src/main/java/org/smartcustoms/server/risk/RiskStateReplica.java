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
    private final org.smartcustoms.server.declaration.DeclarationStore declarations;
    private final DbRiskContext context;
    private final ModelHistorySource histories;

    RiskStateReplica(RiskStore store, LiveRiskEngine live, RiskModels models,
                     org.smartcustoms.server.declaration.DeclarationStore declarations, DbRiskContext context,
                     ModelHistorySource histories) {
        this.declarations = declarations;
        this.context = context;
        this.histories = histories;
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

    /** Whether the live model keeps a history of declarations (a trained model is in force). */
    public boolean keepsHistory() {
        return live.engine().model() instanceof org.smartcustoms.risk.model.TrainedFraudModel;
    }

    /**
     * Adds a declaration scored on another node to the live model's history, read from the database as stored; false
     * when there is no trained model in force or no such declaration.
     */
    public boolean observe(String declarationId) {
        if (!(live.engine().model() instanceof org.smartcustoms.risk.model.TrainedFraudModel m)) return false;
        return declarations.find(declarationId).map(s -> {
            m.history().observe(s.declaration());
            return true;
        }).orElse(false);
    }

    /**
     * An inspection outcome (recorded on another node, or on this one): the rules' cached profiles of the declaration's importer and
     * declarant are read again (all of them when the declaration cannot be found) and the live
     * model's history records the label; {@link ModelHistoryFeed} does the same for an outcome recorded on this node.
     */
    public boolean record(String declarationId, org.smartcustoms.declaration.bulk.BulkRow.Label label) {
        java.util.Optional<org.smartcustoms.server.declaration.StoredDeclaration> inspected = declarations.find(declarationId);
        if (inspected.isEmpty()) {
            context.invalidate();
            return false;
        }
        context.forget(inspected.get().declaration()); // its parties' cached profiles; the others stay
        if (!(live.engine().model() instanceof org.smartcustoms.risk.model.TrainedFraudModel m)) return false;
        m.history().record(inspected.get().declaration(), label);
        return true;
    }

    /** When this node last rebuilt its model's history from the database (at start-up or a model switch). */
    public java.util.Optional<java.time.Instant> historyRebuilt() {
        return histories.lastRebuild();
    }

    /** Reloads rules and watch lists from the database (after a late node has read the whole log). */
    public void reloadAll() {
        live.reloadRules();
        live.reloadWatchList();
    }
}
