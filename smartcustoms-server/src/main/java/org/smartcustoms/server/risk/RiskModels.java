package org.smartcustoms.server.risk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.risk.model.ModelDossier;
import org.smartcustoms.risk.model.ModelRegistry;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Models: the file-based registry under {@code <data-dir>/models} and the promoted model in the live engine.
 * MODEL_REGISTERED, MODEL_PROMOTED and MODEL_ROLLED_BACK are audited in the same transaction: a promotion is
 * audited before the pointer file is written (a failed write rolls the entry back); a rollback is written first
 * and undone if its audit entry cannot be stored. Registrations and promotions are announced as {@link RiskStateChanged}
 * events; {@link #install} and {@link #adopt} apply the ones made on other nodes (cluster mode).
 */
@Service
public class RiskModels {
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final LiveRiskEngine live;
    private final ModelRegistry registry;
    private final ApplicationEventPublisher events;

    RiskModels(ObjectMapper json, AuditTrail audit, LiveRiskEngine live, ApplicationEventPublisher events) {
        this.events = events;
        this.json = json;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
        this.live = live;
        this.registry = live.registry();
    }

    public List<ModelDossier> models() throws IOException {
        List<ModelDossier> out = new ArrayList<>();
        for (String v : registry.versions()) out.add(registry.load(v).dossier());
        return out;
    }

    public Optional<String> promotedModel() throws IOException {
        return registry.promoted();
    }

    /** The version a rollback would return to (the one in production before the current one), if any. */
    public Optional<String> rollbackTarget() throws IOException {
        return registry.rollbackTarget();
    }

    public ModelDossier dossier(String version) throws IOException {
        if (!version.matches("[A-Za-z0-9._-]{1,80}")) throw new IllegalArgumentException("bad model version " + version);
        if (!registry.versions().contains(version)) throw new ModelNotFoundException(version);
        return registry.load(version).dossier();
    }

    /** Promotes a registered model (audited as "system"; demo loader). */
    @Transactional
    public void promote(String version) throws IOException {
        promote(version, AuditTrail.SYSTEM);
    }

    /**
     * Promotes a registered model and puts it into the live engine; audited MODEL_PROMOTED (with the version it
     * replaces) in the same transaction, written before the registry's pointer so a failed promotion leaves no entry.
     */
    @Transactional
    public synchronized void promote(String version, String actor) throws IOException {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,80}")) throw new IllegalArgumentException("bad model version " + version);
        if (!registry.versions().contains(version)) throw new ModelNotFoundException(version);
        if (registry.promoted().filter(version::equals).isPresent()) {
            throw new ModelStateException("Model " + version + " is already in production.");
        }
        TrainedFraudModel m = registry.load(version); // refuses corrupt or mismatched models before promoting
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("previous", registry.promoted().orElse(null));
        details.put("boosterSha256", m.dossier().boosterSha256());
        audit.record(actor, AuditAction.MODEL_PROMOTED, AuditSubject.MODEL, version, null, toJson(details));
        registry.promote(version);
        live.engine().replaceModel(live.serving(m));
        events.publishEvent(new RiskStateChanged.ModelPromoted(version, registry.promotionHistory()));
    }

    /** Returns to the previously promoted model (audited as "system"). */
    @Transactional
    public String rollback() throws IOException {
        return rollback(AuditTrail.SYSTEM);
    }

    /**
     * Returns to the previously promoted model; audited MODEL_ROLLED_BACK (from → to) in the same transaction. The
     * registry is file-based, so it is changed first and re-promoted to the version it left if the entry cannot be stored.
     */
    @Transactional
    public synchronized String rollback(String actor) throws IOException {
        String from = registry.promoted().orElse(null);
        if (registry.rollbackTarget().isEmpty()) {
            throw new ModelStateException("There is no earlier production model to roll back to.");
        }
        String v = registry.rollback();
        try {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("from", from);
            details.put("to", v);
            audit.record(actor, AuditAction.MODEL_ROLLED_BACK, AuditSubject.MODEL, v, null, toJson(details));
        } catch (RuntimeException e) {
            if (from != null) registry.promote(from);
            throw e;
        }
        live.engine().replaceModel(live.serving(registry.load(v)));
        events.publishEvent(new RiskStateChanged.ModelPromoted(v, registry.promotionHistory()));
        return v;
    }

    /** Registers a trained model (not promoted); audited MODEL_REGISTERED with its dossier's fingerprints. */
    @Transactional
    public String register(TrainedFraudModel model, String actor, String reason) throws IOException {
        String v = registry.register(model);
        ModelDossier d = registry.load(v).dossier();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("version", v);
        details.put("trainingFingerprint", d.trainingFingerprint());
        details.put("boosterSha256", d.boosterSha256());
        details.put("metrics", d.metrics());
        audit.record(actor, AuditAction.MODEL_REGISTERED, AuditSubject.MODEL, v, reason, toJson(details));
        events.publishEvent(new RiskStateChanged.ModelRegistered(v));
        return v;
    }

    /**
     * Follows a promotion or rollback made on another node (cluster mode): takes over its promotion history and puts
     * its model into the live engine, unless this node is already there. Returns whether anything changed.
     */
    public synchronized boolean adopt(RiskStateChanged.ModelPromoted change) throws IOException {
        List<String> here = registry.versions();
        boolean sameModel = registry.promoted().filter(change.version()::equals).isPresent();
        if (sameModel && registry.promotionHistory().equals(change.history().stream().filter(here::contains).toList())) {
            return false;
        }
        registry.adopt(change.history());
        if (!sameModel) live.engine().replaceModel(live.serving(registry.load(change.version())));
        return true;
    }

    /** Registers a model registered on another node from its files (false when it is already here, unchanged). */
    public synchronized boolean install(String version, Map<String, byte[]> files) throws IOException {
        return registry.install(version, files);
    }

    /** The files of a registered model (name → bytes), as {@link #install} takes them. */
    public Map<String, byte[]> files(String version) throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(registry.directory(version))) {
            for (java.nio.file.Path f : s.filter(java.nio.file.Files::isRegularFile).toList()) {
                out.put(f.getFileName().toString(), java.nio.file.Files.readAllBytes(f));
            }
        }
        return out;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
