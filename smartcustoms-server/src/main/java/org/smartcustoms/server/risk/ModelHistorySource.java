package org.smartcustoms.server.risk;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.risk.model.HistoryStore;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.inspection.InspectionLabels;
import org.springframework.stereotype.Component;

/**
 * One source of truth for what customs knows about traders, goods and routes: the database. A model enters the
 * live engine (at start-up, promotion or rollback) with its history rebuilt from the stored declarations and the
 * officers' recorded outcomes, not with the snapshot of its training data, so the model's explanations ("first
 * seen …", "n of m past declarations irregular") and the rules' trader variables ({@code party_age_days},
 * {@code importer_fraud_rate}) describe the same declarations, and nothing observed since training is forgotten at a
 * restart. From then on {@link ModelHistoryFeed} and the risk step keep it current.
 */
@Component
class ModelHistorySource {
    private static final Logger log = LoggerFactory.getLogger(ModelHistorySource.class);
    private final RiskHistoryStore history;
    private final InspectionLabels labels;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);
    private final java.time.Clock clock;
    private volatile java.time.Instant lastRebuild;

    ModelHistorySource(RiskHistoryStore history, InspectionLabels labels, java.time.Clock clock) {
        this.history = history;
        this.clock = clock;
        this.labels = labels;
    }

    /** {@code model} serving from a history rebuilt from the database. */
    TrainedFraudModel fromDatabase(TrainedFraudModel model) {
        long t0 = System.nanoTime();
        lastRebuild = clock.instant();
        HistoryStore store = model.history().emptyLike();
        Map<String, BulkRow.Label> outcomes = labels.labels();
        long[] n = {0, 0};
        history.allDeclarations(row -> {
            Declaration d = InspectionLabels.dated(json.read(row.payload()), row.submittedAt());
            if (d.declarationDate() == null) return;
            store.observe(d);
            n[0]++;
            BulkRow.Label label = outcomes.get(row.id());
            if (label != null) {
                store.record(d, label);
                n[1]++;
            }
        });
        log.info("Model {} serves from the database's history: {} declarations, {} with inspection results ({} ms)",
                model.version(), n[0], n[1], (System.nanoTime() - t0) / 1_000_000);
        return model.withHistory(store);
    }

    /** When the last rebuild started reading the database (empty before the first). */
    java.util.Optional<java.time.Instant> lastRebuild() {
        return java.util.Optional.ofNullable(lastRebuild);
    }
}
