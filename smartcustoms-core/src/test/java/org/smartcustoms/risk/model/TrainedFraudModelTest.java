package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.declaration.bulk.BulkRow;

class TrainedFraudModelTest {

    static TrainedFraudModel model;
    static List<LabelledItem> test;

    @BeforeAll
    static void train() {
        model = FraudModelTrainer.train(KcsFixtures.rows(1500, 120, 1), KcsFixtures.fastParams(), java.time.Clock.systemUTC());
        test = KcsFixtures.items(400, 30, 2);
    }

    @Test
    void learnsThePatternAndExplainsIt() {
        // the second sample has other ids and dates but the same cheating importers
        ModelEvaluation e = ModelCommands.evaluate(model, KcsFixtures.items(400, 30, 2));
        assertThat(e.auc()).isGreaterThan(0.85);
        LabelledItem bad = test.stream().filter(li -> li.label().fraud()
                && li.declaration().party(org.smartcustoms.declaration.PartyRole.IMPORTER).get().id().equals("IMP0"))
                .findFirst().orElseThrow();
        FraudModel.Prediction p = model.predict(bad.declaration(), bad.item());
        assertThat(p.fraudProbability()).isGreaterThan(0.5);
        assertThat(p.contributions()).hasSize(3);
        assertThat(p.contributions().get(0).contribution()).isGreaterThanOrEqualTo(p.contributions().get(2).contribution());
        assertThat(p.contributions()).anySatisfy(c -> assertThat(c.sentence())
                .matches("(Importer IMP0 had \\d+ of \\d+ past declarations found irregular \\(\\d+%\\).*"
                        + "|Declared price per kg is \\d+% below the median for HS \\d{6}.*"
                        + "|Importer IMP0 with .*)"));
        assertThat(p.expectedRevenue()).isGreaterThan(0);
        assertThat(p.expectedRevenue()).isLessThanOrEqualTo(
                bad.item().statisticalValue().amount().doubleValue() * 0.08 + 1e-6);
    }

    /** Grade-2 (critical) labels for the irregular declarations of importer IMP1: a pattern a second head can learn. */
    static List<BulkRow> withCriticalImporter(List<BulkRow> rows) {
        return rows.stream().<BulkRow>map(r -> BulkRow.ok(r.rowNumber(), r.declaration(), new BulkRow.Label(r.label().fraud(),
                r.label().fraud() && "IMP1".equals(r.declaration().party(org.smartcustoms.declaration.PartyRole.IMPORTER)
                        .get().id()) ? 2 : r.label().criticalFraud()))).collect(java.util.stream.Collectors.<BulkRow>toList());
    }

    @Test
    void criticalHeadLearnsCriticalIrregularitiesAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        assertThat(model.hasCriticalHead()).as("no grade-2 labels in the plain fixture").isFalse();
        TrainedFraudModel m = FraudModelTrainer.train(withCriticalImporter(KcsFixtures.rows(1500, 120, 1)),
                KcsFixtures.fastParams(), java.time.Clock.systemUTC());
        assertThat(m.hasCriticalHead()).isTrue();
        List<LabelledItem> sample = LabelledItem.fromRows(withCriticalImporter(KcsFixtures.rows(400, 30, 2)));
        double critical = 0;
        double other = 0;
        int nc = 0;
        int no = 0;
        for (LabelledItem li : sample) {
            double pc = m.score(li.declaration(), li.item()).criticalProbability();
            if (li.label().criticalFraud() == 2) {
                critical += pc;
                nc++;
            } else {
                other += pc;
                no++;
            }
        }
        assertThat(nc).isPositive();
        assertThat(critical / nc).as("mean critical probability of critical items").isGreaterThan(3 * other / no);
        m.save(dir);
        assertThat(dir.resolve(TrainedFraudModel.CRITICAL_BOOSTER_FILE)).exists();
        TrainedFraudModel loaded = TrainedFraudModel.load(dir);
        assertThat(loaded.hasCriticalHead()).isTrue();
        assertThat(loaded.dossier().criticalBoosterSha256()).hasSize(64);
        LabelledItem li = sample.get(0);
        assertThat(loaded.score(li.declaration(), li.item()).criticalProbability())
                .isEqualTo(m.score(li.declaration(), li.item()).criticalProbability());
        Path file = dir.resolve(TrainedFraudModel.CRITICAL_BOOSTER_FILE);
        byte[] raw = Files.readAllBytes(file);
        raw[raw.length / 2] ^= 0x55;
        Files.write(file, raw);
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("model file " + file + " is corrupt: ");
        Files.delete(file);
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessage("model file " + file + " is missing");
    }

    @Test
    void missingFieldsAreNamedInWords_onlyThePartsReallyMissing() {
        // the seller is declared but without an ID, the importer with one: the pair is absent because of the seller only
        org.smartcustoms.declaration.Declaration d = org.smartcustoms.risk.TestDeclarations.declaration()
                .party(org.smartcustoms.declaration.PartyRole.SELLER, null, "Seller Ltd").build();
        String[] keys = new String[ModelFeatureVector.KEYS.size()];
        keys[ModelFeatureVector.KEYS.indexOf("importer")] = "IMP1";
        keys[ModelFeatureVector.KEYS.indexOf("declarant")] = "DECL1";
        assertThat(Explanations.notDeclared("importer_seller", d, keys)).isEqualTo("Seller declared without an ID");
        assertThat(Explanations.notDeclared("declarant_hs6", d, keys)).isEqualTo("HS code not declared");
        assertThat(Explanations.notDeclared("courier", d, keys)).isEqualTo("Courier not declared");
        keys[ModelFeatureVector.KEYS.indexOf("importer")] = null;
        assertThat(Explanations.notDeclared("importer_seller", d, keys)).isEqualTo("Importer declared without an ID; seller declared without an ID");
    }

    @Test
    void saveLoadRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("m");
        model.save(m);
        TrainedFraudModel loaded = TrainedFraudModel.load(m);
        for (LabelledItem li : test.subList(0, 50)) {
            FraudModel.Prediction a = model.predict(li.declaration(), li.item());
            FraudModel.Prediction b = loaded.predict(li.declaration(), li.item());
            assertThat(b.fraudProbability()).isEqualTo(a.fraudProbability());
            assertThat(b.contributions()).isEqualTo(a.contributions());
        }
        ModelDossier d = loaded.dossier();
        assertThat(d.schemaHash()).isEqualTo(ModelFeatureVector.schemaHash());
        assertThat(d.rows()).isEqualTo(1500);
        assertThat(d.features()).isEqualTo(ModelFeatureVector.names());
        assertThat(d.trainingFrom()).isEqualTo(java.time.LocalDate.of(2020, 1, 1));
        assertThat(d.libraryVersion()).isEqualTo("2.1.4");
        assertThat(d.boosterSha256()).hasSize(64);
        assertThat(d.parameters()).isEqualTo(model.dossier().parameters());
        assertThat(d.parameters().maxDepth()).isEqualTo(KcsFixtures.fastParams().maxDepth());
        assertThat(d.metrics()).isEqualTo(model.dossier().metrics());
    }

    @Test
    void corruptBoosterIsRefused(@TempDir Path dir) throws Exception {
        model.save(dir);
        Path booster = dir.resolve(TrainedFraudModel.BOOSTER_FILE);
        byte[] raw = Files.readAllBytes(booster);
        raw[raw.length / 2] ^= 0x55;
        Files.write(booster, raw);
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("model file " + booster + " is corrupt: ");
    }

    @Test
    void garbageBoosterWithoutChecksumIsRefused(@TempDir Path dir) throws Exception {
        model.save(dir);
        Path dossier = dir.resolve(TrainedFraudModel.DOSSIER_FILE);
        Files.writeString(dossier, Files.readString(dossier).replaceAll("\"boosterSha256\" : \"[0-9a-f]+\"", "\"boosterSha256\" : null"));
        Files.writeString(dir.resolve(TrainedFraudModel.BOOSTER_FILE), "not a model");
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is corrupt");
    }

    @Test
    void corruptOrMissingHistoryIsRefused(@TempDir Path dir) throws Exception {
        model.save(dir);
        Path history = dir.resolve(TrainedFraudModel.HISTORY_FILE);
        Files.writeString(history, "garbage");
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(history.toString()).hasMessageContaining("corrupt");
        Files.delete(history);
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(history.toString());
    }

    @Test
    void schemaMismatchIsRefusedNamingBothHashes(@TempDir Path dir) throws Exception {
        model.save(dir);
        Path dossier = dir.resolve(TrainedFraudModel.DOSSIER_FILE);
        Files.writeString(dossier, Files.readString(dossier).replace(ModelFeatureVector.schemaHash(), "feedbeef"));
        assertThatThrownBy(() -> TrainedFraudModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("expected " + ModelFeatureVector.schemaHash() + " found feedbeef");
    }

    @Test
    void registryRegistersPromotesAndRollsBack(@TempDir Path dir) throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T08:00:00Z"), java.time.ZoneOffset.UTC);
        ModelRegistry reg = new ModelRegistry(dir, "kcs", clock);
        assertThat(reg.versions()).isEmpty();
        assertThat(reg.promoted()).isEmpty();
        String v1 = reg.register(model);
        String v2 = reg.register(model);
        assertThat(v1).isEqualTo("kcs-20261123-1");
        assertThat(v2).isEqualTo("kcs-20261123-2");
        assertThat(reg.versions()).containsExactly(v1, v2);
        reg.promote(v1);
        reg.promote(v2);
        assertThat(reg.loadPromoted().version()).isEqualTo(v2);
        assertThat(reg.rollback()).isEqualTo(v1);
        assertThat(reg.promoted()).contains(v1);
        assertThat(reg.loadPromoted().version()).isEqualTo(v1);
        assertThatThrownBy(reg::rollback).isInstanceOf(IllegalStateException.class);
        // a corrupt version cannot be promoted; the pointer stays
        Files.writeString(dir.resolve(v2).resolve(TrainedFraudModel.BOOSTER_FILE), "junk");
        assertThatThrownBy(() -> reg.promote(v2)).isInstanceOf(ModelLoadException.class);
        assertThat(reg.promoted()).contains(v1);
    }

    @Test
    void anotherRegistryInstallsAModelFromItsFilesAndAdoptsThePromotionHistory(@TempDir Path dir) throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T08:00:00Z"), java.time.ZoneOffset.UTC);
        ModelRegistry origin = new ModelRegistry(dir.resolve("a"), "kcs", clock);
        ModelRegistry other = new ModelRegistry(dir.resolve("b"), "kcs", clock);
        String v1 = origin.register(model);
        String v2 = origin.register(model);
        origin.promote(v1);
        origin.promote(v2);
        java.util.Map<String, byte[]> files = files(origin, v2);
        assertThat(other.install(v2, files)).isTrue();
        assertThat(other.install(v2, files)).as("already there").isFalse();
        assertThat(other.load(v2).dossier()).isEqualTo(origin.load(v2).dossier());

        // the booster is checked against the dossier before the version appears
        java.util.Map<String, byte[]> corrupt = new java.util.HashMap<>(files);
        byte[] booster = corrupt.get(TrainedFraudModel.BOOSTER_FILE).clone();
        booster[booster.length / 2] ^= 0x55;
        corrupt.put(TrainedFraudModel.BOOSTER_FILE, booster);
        assertThatThrownBy(() -> other.install(v1, corrupt)).isInstanceOf(ModelLoadException.class);
        assertThat(other.versions()).containsExactly(v2);
        // files sent under another version than their dossier's are refused
        assertThatThrownBy(() -> other.install(v1, files)).isInstanceOf(IllegalArgumentException.class);
        assertThat(other.versions()).containsExactly(v2);

        assertThatThrownBy(() -> other.adopt(List.of(v2, v1))).as("v1 is not installed here")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(other.promoted()).isEmpty();
        // v1 is not here: left out of the history, so there is nothing to roll back to
        assertThat(other.adopt(origin.promotionHistory())).containsExactly(v2);
        assertThat(other.promoted()).contains(v2);
        assertThat(other.promotionHistory()).containsExactly(v2);
        assertThat(other.rollbackTarget()).isEmpty();
        assertThat(other.install(v1, files(origin, v1))).isTrue();
        assertThat(other.adopt(origin.promotionHistory())).containsExactly(v1, v2);
        assertThat(other.rollbackTarget()).contains(v1);
    }

    private static java.util.Map<String, byte[]> files(ModelRegistry registry, String version) throws java.io.IOException {
        java.util.Map<String, byte[]> files = new java.util.HashMap<>();
        try (var list = Files.list(registry.directory(version))) {
            for (Path f : list.toList()) files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return files;
    }

    @Test
    void trainsFromBulkRowsSkippingRejectedAndUnlabelled() {
        List<BulkRow> rows = new java.util.ArrayList<>(KcsFixtures.rows(300, 20, 3));
        rows.add(BulkRow.rejected(999, List.of(new org.smartcustoms.declaration.Violation("Date", "KCS_BAD_DATE", "x"))));
        rows.add(BulkRow.ok(1000, rows.get(0).declaration(), null));
        TrainedFraudModel m = FraudModelTrainer.train(rows, KcsFixtures.fastParams(), java.time.Clock.systemUTC());
        assertThat(m.dossier().rows()).isEqualTo(300);
    }
}
