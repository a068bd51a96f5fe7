package org.smartcustoms.server.inspection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.risk.model.FraudModelTrainer;
import org.smartcustoms.risk.model.LabelledItem;
import org.smartcustoms.risk.model.ModelDossier;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.model.TrainingParams;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;


/**
 * Closes the learning loop: trains a new fraud-model version from the outcomes officers recorded and registers
 * it (with its dossier) in the model registry, NOT promoted, so an analyst compares it before switching it on.
 * Refuses when there are too few results or only one class, because such a model would look precise and be
 * meaningless. Training runs outside any transaction (it can take minutes); only the audit entry is written
 * afterwards. One retraining at a time per server (the registry is not for concurrent writers).
 */
@Service
public class ModelRetraining {
    private static final Logger log = LoggerFactory.getLogger(ModelRetraining.class);

    private final InspectionLabels labels;
    private final AuditTrail audit;
    private final ModelRegistry registry;
    private final int defaultMinResults;
    private final int rounds;
    private final Clock clock;

    public ModelRetraining(InspectionLabels labels, AuditTrail audit, ObjectProvider<ModelRegistry> registries, Clock clock,
                           @Value("${smartcustoms.data-dir}") String dataDir,
                           @Value("${smartcustoms.retrain.min-results:50}") int defaultMinResults,
                           @Value("${smartcustoms.retrain.rounds:300}") int rounds,
                           @Value("${smartcustoms.retrain.version-prefix:outcomes}") String prefix) {
        this.labels = labels;
        this.audit = audit;
        this.clock = clock;
        this.registry = registries.getIfAvailable(() -> new ModelRegistry(Path.of(dataDir, "models"), prefix, clock));
        this.defaultMinResults = defaultMinResults;
        this.rounds = rounds;
    }

    public int defaultMinResults() { return defaultMinResults; }

    /** What was registered. */
    public record Outcome(String version, boolean promoted, int declarations, int items, int irregular,
                          ModelDossier dossier) { }

    /**
     * Trains and registers a model from recorded outcomes.
     *
     * @param minResults fewest labelled declarations accepted (null = configured default)
     * @throws WorkspaceConflictException too few results, or all of one class
     */
    public synchronized Outcome retrain(Integer minResults, String actor, Consumer<String> progress) {
        int min = minResults == null ? defaultMinResults : minResults;
        if (min < 1) throw new IllegalArgumentException("minResults must be at least 1");
        InspectionLabels.Counts counts = labels.counts();
        if (counts.declarations() < min) {
            throw new WorkspaceConflictException("Only " + counts.declarations() + " declaration(s) have inspection results; at least "
                    + min + " are needed to train a model.");
        }
        if (counts.irregular() == 0 || counts.irregular() == counts.declarations()) {
            throw new WorkspaceConflictException("All " + counts.declarations() + " inspected declarations have the same outcome ("
                    + (counts.irregular() == 0 ? "no irregularity" : "irregular") + "); a model needs both regular and irregular examples.");
        }
        List<LabelledItem> items = labels.labelledItems();
        TrainedFraudModel model = FraudModelTrainer.train(items, params(items), progress, clock);
        String version;
        ModelDossier dossier;
        try {
            version = registry.register(model);
            dossier = registry.load(version).dossier();
        } catch (IOException e) {
            throw new UncheckedIOException("could not register the model: " + e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", version);
        details.put("source", "inspection results");
        details.put("declarations", counts.declarations());
        details.put("irregular", counts.irregular());
        details.put("items", items.size());
        details.put("trainingFingerprint", dossier.trainingFingerprint());
        details.put("boosterSha256", dossier.boosterSha256());
        details.put("metrics", dossier.metrics());
        audit.record(actor, AuditAction.MODEL_REGISTERED, AuditSubject.MODEL, version, "retrained from inspection results", AuditDetails.json(details));
        log.info("model {} registered from {} inspected declarations ({} irregular)", version, counts.declarations(), counts.irregular());
        return new Outcome(version, false, counts.declarations(), items.size(), counts.irregular(), dossier);
    }

    /**
     * Small data sets get no hold-out (early stopping on a handful of rows is noise); from 90 days of history
     * on, the last 30 days choose the number of rounds, like the KCS training.
     */
    TrainingParams params(List<LabelledItem> items) {
        LocalDate from = items.stream().map(i -> i.declaration().declarationDate()).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = items.stream().map(i -> i.declaration().declarationDate()).max(Comparator.naturalOrder()).orElseThrow();
        int holdout = ChronoUnit.DAYS.between(from, to) >= 90 ? 30 : 0;
        return new TrainingParams(4, 0.1, rounds, 0.8, 0.8, 1, 2, 30, holdout, 0, 42);
    }
}
