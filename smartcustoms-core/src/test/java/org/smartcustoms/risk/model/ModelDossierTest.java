package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The dossier's parameters and metrics are typed records, and the file format did not change: a dossier written
 * by the version that kept them as maps ({@code dossier-2026-11-30.json}, saved by that version's
 * {@code TrainedFraudModel.save} with a hold-out of 30 days) reads into the records and writes back identically.
 */
class ModelDossierTest {
    private static String oldDossier() throws IOException {
        try (InputStream in = ModelDossierTest.class.getResourceAsStream("dossier-2026-11-30.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aDossierWrittenByTheMapVersionReadsIntoTheRecordsAndWritesBackTheSame() throws IOException {
        String text = oldDossier();
        ModelDossier d = TrainedFraudModel.JSON.readValue(text, ModelDossier.class);
        ModelParameters p = d.parameters();
        assertThat(p.objective()).isEqualTo("binary:logistic");
        assertThat(p.maxDepth()).isEqualTo(4);
        assertThat(p.eta()).isEqualTo(0.2);
        assertThat(p.colsampleBytree()).isEqualTo(1.0);
        assertThat(p.seed()).isEqualTo(7);
        assertThat(p.roundsMax()).isEqualTo(40);
        assertThat(p.holdoutDays()).isEqualTo(30);
        assertThat(p.smoothing()).isEqualTo(10.0);
        ModelMetrics m = d.metrics();
        assertThat(m.precisionAt5()).isEqualTo(1.0);
        assertThat(m.recallAt10()).isEqualTo(0.59375);
        assertThat(m.rows()).isEqualTo(375);
        assertThat(m.holdoutFrom()).isEqualTo(LocalDate.of(2020, 3, 31));
        assertThat(m.criticalLabels()).isZero();
        assertThat(m.evaluation()).get().satisfies(e -> assertThat(e.recallAt()).containsEntry(5, 0.296875));

        JsonNode before = TrainedFraudModel.JSON.readTree(text);
        JsonNode after = TrainedFraudModel.JSON.readTree(TrainedFraudModel.JSON.writeValueAsString(d));
        assertThat(after).isEqualTo(before);
        assertThat(TrainedFraudModel.JSON.writeValueAsString(d)).isEqualTo(TrainedFraudModel.JSON.writeValueAsString(
                TrainedFraudModel.JSON.readValue(TrainedFraudModel.JSON.writeValueAsString(d), ModelDossier.class)));
    }

    /** Dossiers from before the critical head have no critical_labels; a model without a hold-out has no hold-out metrics. */
    @Test
    void olderAndHoldoutFreeMetricsRead() throws IOException {
        ObjectNode tree = (ObjectNode) TrainedFraudModel.JSON.readTree(oldDossier());
        ((ObjectNode) tree.get("metrics")).remove("critical_labels");
        ModelDossier pre = TrainedFraudModel.JSON.treeToValue(tree, ModelDossier.class);
        assertThat(pre.metrics().criticalLabels()).isNull();
        assertThat(pre.metrics().evaluation()).isPresent();
        assertThat(TrainedFraudModel.JSON.valueToTree(pre.metrics()).has("critical_labels")).isFalse();

        tree.set("metrics", TrainedFraudModel.JSON.createObjectNode().put("critical_labels", 0));
        ModelDossier noHoldout = TrainedFraudModel.JSON.treeToValue(tree, ModelDossier.class);
        assertThat(noHoldout.metrics().evaluation()).isEmpty();
        assertThat(noHoldout.metrics().toString()).isEqualTo("no hold-out, 0 critical labels");
    }

    /** The load-time checks now include the records' validation: an impossible parameter or metric is refused on load. */
    @Test
    void impossibleParametersOrMetricsAreRefusedOnLoad(@TempDir Path dir) throws IOException {
        ObjectNode tree = (ObjectNode) TrainedFraudModel.JSON.readTree(oldDossier());
        ((ObjectNode) tree.get("parameters")).put("eta", 0.0);
        Files.writeString(dir.resolve(TrainedFraudModel.DOSSIER_FILE), TrainedFraudModel.JSON.writeValueAsString(tree));
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("eta must be in (0, 1]");

        tree = (ObjectNode) TrainedFraudModel.JSON.readTree(oldDossier());
        ((ObjectNode) tree.get("metrics")).put("auc", 1.5);
        Files.writeString(dir.resolve(TrainedFraudModel.DOSSIER_FILE), TrainedFraudModel.JSON.writeValueAsString(tree));
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not in [0, 1]");

        tree = (ObjectNode) TrainedFraudModel.JSON.readTree(oldDossier());
        tree.remove("parameters");
        Files.writeString(dir.resolve(TrainedFraudModel.DOSSIER_FILE), TrainedFraudModel.JSON.writeValueAsString(tree));
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class);
    }
}
