package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.risk.Reason;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleScope;
import org.smartcustoms.risk.model.HistoryStore;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.RequirePostgres;
import org.smartcustoms.server.TestDatabases;
import org.smartcustoms.server.TestModels;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.smartcustoms.server.risk.RiskService;
import org.smartcustoms.server.risk.RiskStateChanged;
import org.smartcustoms.server.risk.RiskStateReplica;
import org.smartcustoms.server.risk.RiskService.WatchListKind;

/**
 * Shared state against the real Kafka broker and PostgreSQL: two nodes (two whole servers) on one database and one
 * shared-state log. A rule, watch list or model promotion changed on one node is in force on the other, which then
 * scores the same declaration identically (same score, channel, reasons, rule and model versions); a node started
 * after the changes, on an empty data directory, reads them from the log before it serves. Declarations stored and
 * outcomes recorded on one node reach the other's model history (trader profiles).
 */
@Tag("kafka")
@ExtendWith(RequirePostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedStateTest {
    private static final Duration CONVERGES = Duration.ofSeconds(60);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String party = ClusterFixtures.party(7);
    private final Declaration declaration = new DeclarationJson().read(ClusterFixtures.declaration("SS-" + run, party));
    private Map<String, Object> database;
    private Map<String, String> cluster;
    private ClusterNode a;
    private ClusterNode b;

    @BeforeAll
    void startTwoNodes() {
        cluster = Map.of("smartcustoms.cluster.bootstrap", KafkaTestBroker.bootstrap(),
                "smartcustoms.cluster.partitions", "2",
                "smartcustoms.cluster.state-topic", "state-test-" + run,
                "smartcustoms.cluster.intake-topic", "state-test-intake-" + run,
                "smartcustoms.cluster.decision-topic", "state-test-decisions-" + run);
        database = TestDatabases.postgres();
        a = ClusterNode.start("a", database, cluster);
        b = ClusterNode.start("b", database, cluster);
    }

    @AfterAll
    void stopNodes() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    private RiskDecision score(ClusterNode node) {
        return node.risk().engine().assess(declaration);
    }

    /** Waits until {@code other} scores the declaration as {@code node} does, and returns that decision. */
    private RiskDecision sameOn(ClusterNode node, ClusterNode other) throws InterruptedException {
        ClusterFixtures.await("the same decision on both nodes", CONVERGES, () -> score(other).equals(score(node)));
        RiskDecision d = score(node);
        assertThat(score(other)).isEqualTo(d);
        return d;
    }

    @Test
    @Order(1)
    void aRuleChangedOnOneNodeIsInForceOnTheOther() throws Exception {
        RiskDecision before = score(b);
        assertThat(before.ruleVersions()).isEmpty();

        Rule rule = a.risk().createRule(new RiskService.RuleDraft("cluster " + run, "value > 0.0", Threat.UNDERVALUATION, 80,
                new RuleScope(null, null, party, null), null, null, null, true), "officer-a");
        RiskDecision onA = score(a);
        assertThat(onA.ruleVersions()).containsExactly(rule.ref());
        RiskDecision onB = sameOn(a, b);
        assertThat(onB.ruleVersions()).containsExactly(rule.ref());
        assertThat(onB.reasons()).extracting(Reason::source).contains(Reason.Source.RULE);
        assertThat(onB.score()).isGreaterThan(before.score());

        // changed back on the other node: version 2 (disabled) is in force on both
        Rule disabled = b.risk().disableRule(rule.id(), "officer-b", "cluster test");
        assertThat(disabled.version()).isEqualTo(2);
        RiskDecision after = sameOn(b, a);
        assertThat(after.ruleVersions()).isEmpty();
        assertThat(after.score()).isEqualTo(before.score());

        // a record announcing a version the database does not show yet is not applied (the log retries it)
        RiskStateReplica replica = a.bean(RiskStateReplica.class);
        assertThat(replica.apply(new RiskStateChanged.Rule(rule.id(), 3))).isFalse();
        assertThat(replica.apply(new RiskStateChanged.Rule(rule.id(), 1))).as("a later version is stored").isTrue();
        assertThat(replica.apply(new RiskStateChanged.WatchList(WatchListKind.COMMODITIES, Long.MAX_VALUE))).isFalse();
    }

    @Test
    @Order(2)
    void aWatchListImportedOnOneNodeIsInForceOnTheOther() throws Exception {
        RiskDecision before = score(a);
        String csv = "entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n"
                + "SS-" + run + "," + party + ",Watched Trader " + run + ",,sanctions,cluster test,,\n";
        assertThat(b.risk().importWatchList(WatchListKind.PARTIES, csv, "officer-b")).isEqualTo(1);

        RiskDecision onA = sameOn(b, a);
        assertThat(a.risk().watchedParties()).extracting(e -> e.partyId()).containsExactly(party);
        assertThat(onA.reasons()).extracting(Reason::source).contains(Reason.Source.WATCHLIST);
        assertThat(onA.score()).isGreaterThan(before.score());
    }

    @Test
    @Order(3)
    void aModelPromotedOnOneNodeServesOnTheOther() throws Exception {
        String version = a.risk().register(TestModels.small(LocalDate.now()), "officer-a", "cluster test");
        a.risk().promote(version, "officer-a");
        assertThat(score(a).modelVersion()).isEqualTo(version);

        ClusterFixtures.await("model " + version + " promoted on node b", CONVERGES, () -> promoted(b).equals(version));
        RiskDecision onB = sameOn(a, b);
        assertThat(onB.modelVersion()).isEqualTo(version);
        assertThat(b.risk().dossier(version)).isEqualTo(a.risk().dossier(version));
        assertThat(b.risk().registry().promotionHistory()).isEqualTo(a.risk().registry().promotionHistory());

        // a second model registered and promoted on b reaches a; a rollback on a brings both back to the first
        String second = b.risk().register(TestModels.small(LocalDate.now().minusDays(30)), "officer-b", "cluster test");
        assertThat(second).isNotEqualTo(version);
        b.risk().promote(second, "officer-b");
        ClusterFixtures.await("model " + second + " promoted on node a", CONVERGES, () -> promoted(a).equals(second));
        assertThat(sameOn(b, a).modelVersion()).isEqualTo(second);
        assertThat(a.risk().rollback("officer-a")).isEqualTo(version);
        ClusterFixtures.await("the rollback to " + version + " on node b", CONVERGES, () -> promoted(b).equals(version));
        assertThat(sameOn(a, b).modelVersion()).isEqualTo(version);
        assertThat(b.risk().registry().promotionHistory()).isEqualTo(a.risk().registry().promotionHistory()).containsExactly(version);
    }

    @Test
    @Order(4)
    void aNodeStartedAfterTheChangesServesThem() throws Exception {
        RiskDecision onA = score(a);
        try (ClusterNode late = ClusterNode.start("late", database, cluster)) {
            // its data directory was empty: the model came from the shared-state log, before it served
            assertThat(promoted(late)).isEqualTo(promoted(a));
            assertThat(late.risk().registry().promotionHistory()).isEqualTo(a.risk().registry().promotionHistory());
            assertThat(late.risk().watchedParties()).extracting(e -> e.partyId()).containsExactly(party);
            assertThat(score(late)).isEqualTo(onA);
        }
    }

    @Test
    @Order(5)
    void anInspectionOutcomeRecordedOnOneNodeIsInTheOthersTraderHistory() throws Exception {
        LocalDate today = LocalDate.now();
        LocalDate tomorrow = today.plusDays(1);
        String importer = "JP" + TestUsers.unique().replaceAll("[^0-9A-Za-z]", "").toUpperCase();
        WorkspaceFixtures fx = new WorkspaceFixtures(a.bean(DeclarationIntake.class), a.bean(JdbcTemplate.class));
        fx.declare(importer, "JPTYO100", today.minusDays(40), "610910", "CN", "2400", "100");
        String inspected = fx.declare(importer, "JPTYO100", today.minusDays(10), "610910", "CN", "300", "100");
        fx.underControl(inspected, 70, "RED", List.of());
        String officer = TestUsers.token(a.bean(UserDirectory.class), Role.OFFICER, null);
        ApiClient.Response r = new ApiClient(a.port()).post("/api/v1/declarations/" + inspected + "/inspection", officer,
                "application/json", "{\"outcome\": \"UNDERVALUATION\", \"decision\": \"RELEASE\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        HistoryStore.KeyProfile onA = importerHistory(a, importer, tomorrow);
        assertThat(onA.seen()).isEqualTo(2);
        assertThat(onA.frauds()).isEqualTo(1);
        assertThat(onA.firstSeen()).isEqualTo(today.minusDays(40));

        // node b decided none of them: it learns both declarations and the outcome from the shared history
        ClusterFixtures.await("the importer's history on node b", CONVERGES,
                () -> importerHistory(b, importer, tomorrow).equals(importerHistory(a, importer, tomorrow)));
        assertThat(importerHistory(b, importer, tomorrow)).isEqualTo(onA);
        String next = fx.declare(importer, "JPTYO100", today, "610910", "CN", "280", "100");
        Declaration d = a.bean(DeclarationIntake.class).store().find(next).orElseThrow().declaration();
        assertThat(b.risk().engine().assess(d)).isEqualTo(a.risk().engine().assess(d));
    }

    private static HistoryStore.KeyProfile importerHistory(ClusterNode node, String importer, LocalDate asOf) {
        TrainedFraudModel m = (TrainedFraudModel) node.risk().engine().model();
        return m.history().asOf(asOf).profile("importer", importer);
    }

    private static String promoted(ClusterNode node) {
        try {
            return node.risk().promotedModel().orElse("");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
