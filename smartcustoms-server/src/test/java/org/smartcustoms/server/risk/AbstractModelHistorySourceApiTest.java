package org.smartcustoms.server.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.risk.features.PartyProfile;
import org.smartcustoms.risk.model.HistoryStore;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestModels;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One party history for rules and model: a model enters the live engine reading the database's declarations and
 * inspection results, not its training snapshot, so the model and the rule variables agree on what customs knows.
 */
@ApiTest
abstract class AbstractModelHistorySourceApiTest extends ApiTestSupport {
    @Autowired
    ModelHistorySource source;
    @Autowired
    RiskHistoryStore history;
    @Autowired
    Clock clock;

    @Test
    void theServingModelReadsTheSameTraderHistoryAsTheRules() {
        LocalDate today = LocalDate.now(clock);
        LocalDate tomorrow = today.plusDays(1); // the result is recorded today: both read it from tomorrow on
        String importer = "JP" + TestUsers.unique().replaceAll("[^0-9A-Za-z]", "").toUpperCase();
        twoDeclarationsAndAnUndervaluation(importer, today.minusDays(40), today.minusDays(20), today.minusDays(10));

        TrainedFraudModel trained = TestModels.small(today);
        assertThat(trained.history().asOf(today).profile("importer", importer).seen()).as("training data never saw it").isZero();

        TrainedFraudModel serving = source.fromDatabase(trained);
        HistoryStore.KeyProfile model = serving.history().asOf(tomorrow).profile("importer", importer);
        PartyProfile rules = history.partyProfile(importer, tomorrow);
        assertThat(model.seen()).isEqualTo(3).isEqualTo((int) rules.declarationCount());
        assertThat(model.frauds()).isEqualTo(1).isEqualTo((int) rules.fraudCount());
        assertThat(model.firstSeen()).isEqualTo(today.minusDays(40)).isEqualTo(rules.firstSeen());
        assertThat(serving.dossier()).isEqualTo(trained.dossier());
        assertThat(trained.history().asOf(today).profile("importer", importer).seen()).as("the registry's model is untouched").isZero();
    }

    @Test
    void aBatchOfPartiesIsReadAsEachPartyAlone() {
        LocalDate today = LocalDate.now(clock);
        List<String> abNone = importerAWithAnUndervaluationImporterBAndAnUnknownParty(today, today.minusDays(30));
        String a = abNone.get(0);

        java.util.Map<String, RiskHistoryStore.PartyHistory> together = history.partyHistories(List.of(a, abNone.get(1), abNone.get(2), a));
        assertThat(together).hasSize(3);
        for (String party : abNone) {
            RiskHistoryStore.PartyHistory alone = history.partyHistory(party);
            assertThat(together.get(party).declaredPerDay()).as(party).isEqualTo(alone.declaredPerDay());
            assertThat(together.get(party).irregular()).as(party).containsExactlyInAnyOrderElementsOf(alone.irregular());
        }
        assertThat(together.get(a).irregular()).hasSize(1);
        assertThat(together.get(a).declaredPerDay()).containsEntry(today.minusDays(30), 2L);
    }

    /**
     * The batch read (on PostgreSQL one statement reading party by party) answers every date as the per-party counting
     * queries of {@link RiskHistoryStore#partyProfile} do: importers, a declarant acting for others (the fixtures'
     * declarant, whose declarations of other tests count too) and an unknown party, before, between and after their
     * declarations and the inspection result.
     */
    @Test
    void batchReadHistoriesAnswerEveryDateAsTheCountingQueries() {
        LocalDate today = LocalDate.now(clock);
        List<String> abNone = importerAWithAnUndervaluationImporterBAndAnUnknownParty(today, today.minusDays(20));
        String a = abNone.get(0);
        String declarant = "GB123456789000"; // declarant of every fixture declaration (declaration-import.json)
        List<String> parties = List.of(a, abNone.get(1), declarant, abNone.get(2));

        java.util.Map<String, RiskHistoryStore.PartyHistory> read = history.partyHistories(parties);
        for (String party : parties) {
            for (int daysAgo : new int[] {40, 30, 29, 20, 6, 5, 3, 2, 0, -1, -2}) {
                LocalDate before = today.minusDays(daysAgo);
                assertThat(read.get(party).asOf(before)).as(party + " before " + before)
                        .isEqualTo(history.partyProfile(party, before));
            }
        }
        assertThat(read.get(a).asOf(today.plusDays(1)).declarationCount()).isEqualTo(3);
        assertThat(read.get(a).asOf(today.plusDays(1)).fraudCount()).isEqualTo(1);
        assertThat(read.get(declarant).asOf(today.plusDays(1)).declarationCount()).as("declared for others").isGreaterThanOrEqualTo(4);
    }

    /**
     * Importer A with declarations 30 days ago and at {@code secondOfA} and one under-valued 5 days ago (see
     * {@link #twoDeclarationsAndAnUndervaluation}), importer B with one declaration 3 days ago, and a party never seen:
     * their ids, in that order, unique to the test.
     */
    private List<String> importerAWithAnUndervaluationImporterBAndAnUnknownParty(LocalDate today, LocalDate secondOfA) {
        String suffix = TestUsers.unique().replaceAll("[^0-9A-Za-z]", "").toUpperCase();
        String a = "JPA" + suffix;
        String b = "JPB" + suffix;
        twoDeclarationsAndAnUndervaluation(a, today.minusDays(30), secondOfA, today.minusDays(5));
        new WorkspaceFixtures(intake, jdbc).declare(b, "JPTYO100", today.minusDays(3), "620342", "VN", "800", "10");
        return List.of(a, b, "JPNONE" + suffix);
    }

    /**
     * Two declarations of {@code importer} and a third, under-valued at {@code undervalued}, found so by an officer's
     * inspection recorded today.
     */
    private void twoDeclarationsAndAnUndervaluation(String importer, LocalDate first, LocalDate second, LocalDate undervalued) {
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String officer = TestUsers.token(users, Role.OFFICER, null);
        fx.declare(importer, "JPTYO100", first, "610910", "CN", "2400", "100");
        fx.declare(importer, "JPTYO100", second, "610910", "CN", "2500", "100");
        String inspected = fx.declare(importer, "JPTYO100", undervalued, "610910", "CN", "300", "100");
        fx.underControl(inspected, 70, "RED", List.of());
        ApiClient.Response r = api.post("/api/v1/declarations/" + inspected + "/inspection", officer, JSON,
                "{\"outcome\": \"UNDERVALUATION\", \"decision\": \"RELEASE\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
}
