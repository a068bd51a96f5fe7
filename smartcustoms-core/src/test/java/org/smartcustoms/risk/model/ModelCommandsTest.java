package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {

    @Test
    void trainWritesALoadableModelWithFileFingerprint(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, KcsFixtures.csv(800, 150, 11));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ModelCommands.train(List.of(train), dir.resolve("model"), "kcs", TrainingParams.defaults(), java.time.Clock.systemUTC(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        TrainedFraudModel m = TrainedFraudModel.load(dir.resolve("model"));
        assertThat(m.dossier().trainingFingerprint())
                .isEqualTo(TrainedFraudModel.sha256(Files.readAllBytes(train)));
        assertThat(m.dossier().rows()).isEqualTo(800);
        ModelMetrics metrics = m.dossier().metrics();
        assertThat(metrics.evaluation()).as("trained with the default hold-out").isPresent();
        assertThat(metrics.precisionAt5()).isBetween(0.0, 1.0);
        assertThat(metrics.rows()).isPositive().isLessThan(800);
        assertThat(m.dossier().parameters().holdoutDays()).isEqualTo(TrainingParams.defaults().holdoutDays());
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("saved model to");
    }

    @Test
    void evaluatePrintsProgressThenJsonLast(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Files.writeString(train, KcsFixtures.csv(800, 150, 11));
        Files.writeString(test, KcsFixtures.csv(300, 20, 12).replace("2020-01-", "2020-06-"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ModelEvaluation e = ModelCommands.evaluate(List.of(train), test, "kcs", TrainingParams.defaults(), java.time.Clock.systemUTC(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines.length).isGreaterThan(2);
        assertThat(lines[lines.length - 1]).isEqualTo(e.toJson()).startsWith("{\"precision_at\": {\"1\": ");
        assertThat(e.rows()).isEqualTo(300);
        assertThat(e.precisionAt().get(10)).isGreaterThan(0.5);
    }

    @Test
    void unknownFormatIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelCommands.evaluate(List.of(dir.resolve("x")), dir.resolve("y"), "xml", TrainingParams.defaults(), java.time.Clock.systemUTC(), System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xml");
    }
}
