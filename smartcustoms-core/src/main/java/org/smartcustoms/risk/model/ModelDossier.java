package org.smartcustoms.risk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The identity card of a trained model, saved as {@code dossier.json} beside the booster: what it was trained
 * on (fingerprint, period, counts), with which code (library, feature schema) and parameters, and how well it
 * did on held-out data. Lets an auditor answer "which model flagged this declaration and why was it trusted".
 *
 * @param trainingFingerprint SHA-256 over the content of the training rows (file bytes when trained from files)
 * @param boosterSha256       SHA-256 of the booster file; a mismatch on load means the file is corrupt
 * @param criticalBoosterSha256 SHA-256 of the critical-irregularity head's booster file, null when the model has none
 * @param parameters          what the booster and the trainer were given ({@link ModelParameters})
 * @param metrics             metrics on the held-out validation period ({@link ModelMetrics})
 */
public record ModelDossier(String version, Instant created, String library, String libraryVersion,
                           String trainingFingerprint, LocalDate trainingFrom, LocalDate trainingTo,
                           long rows, long frauds, double fraudRate, List<String> features, String schemaHash,
                           ModelParameters parameters, int boostingRounds, ModelMetrics metrics,
                           String boosterSha256, String criticalBoosterSha256) {
    public ModelDossier {
        features = features == null ? List.of() : List.copyOf(features);
        java.util.Objects.requireNonNull(parameters, "parameters");
        metrics = metrics == null ? new ModelMetrics(null, null, null, null, null, null, null, null, null, null) : metrics;
        if (boostingRounds < 1) throw new IllegalArgumentException("boostingRounds must be >= 1");
        if (rows < 0 || frauds < 0 || frauds > rows) throw new IllegalArgumentException("rows and frauds must be counts, frauds <= rows");
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
