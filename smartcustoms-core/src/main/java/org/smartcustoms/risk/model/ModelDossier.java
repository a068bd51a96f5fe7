package org.smartcustoms.risk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The identity card of a trained model, saved as {@code dossier.json} beside the booster: what it was trained
 * on (fingerprint, period, counts), with which code (library, feature schema) and parameters, and how well it
 * did on held-out data. Lets an auditor answer "which model flagged this declaration and why was it trusted".
 *
 * @param trainingFingerprint SHA-256 over the content of the training rows (file bytes when trained from files)
 * @param boosterSha256       SHA-256 of the booster file; a mismatch on load means the file is corrupt
 * @param criticalBoosterSha256 SHA-256 of the critical-irregularity head's booster file, null when the model has none
 * @param metrics             metrics on the held-out validation period ({@link ModelEvaluation} keys), may be empty
 */
public record ModelDossier(String version, Instant created, String library, String libraryVersion,
                           String trainingFingerprint, LocalDate trainingFrom, LocalDate trainingTo,
                           long rows, long frauds, double fraudRate, List<String> features, String schemaHash,
                           Map<String, Object> parameters, int boostingRounds, Map<String, Object> metrics,
                           String boosterSha256, String criticalBoosterSha256) {
    public ModelDossier {
        features = features == null ? List.of() : List.copyOf(features);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    ModelDossier withVersion(String v) {
        return new ModelDossier(v, created, library, libraryVersion, trainingFingerprint, trainingFrom, trainingTo, rows,
                frauds, fraudRate, features, schemaHash, parameters, boostingRounds, metrics, boosterSha256, criticalBoosterSha256);
    }

    ModelDossier withBoosterSha256(String sha, String criticalSha) {
        return new ModelDossier(version, created, library, libraryVersion, trainingFingerprint, trainingFrom, trainingTo,
                rows, frauds, fraudRate, features, schemaHash, parameters, boostingRounds, metrics, sha, criticalSha);
    }

    ModelDossier withFingerprint(String fp) {
        return new ModelDossier(version, created, library, libraryVersion, fp, trainingFrom, trainingTo,
                rows, frauds, fraudRate, features, schemaHash, parameters, boostingRounds, metrics, boosterSha256, criticalBoosterSha256);
    }
}
