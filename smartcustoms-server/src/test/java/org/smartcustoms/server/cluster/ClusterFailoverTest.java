package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.OnPostgres;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestDatabases;
import org.smartcustoms.server.audit.AuditVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Failover: this JVM is the API node (PostgreSQL); three workers run in JVMs of their own on the same schema and the
 * real Kafka broker. A few thousand declarations are submitted, one worker is killed with SIGKILL while they are
 * being decided, and at the end every declaration was decided exactly once: one decision on the decisions topic
 * (committed transactions), one stored declaration, one channel decision in the audit trail, and the chain verifies.
 */
@Tag("kafka")
@OnPostgres
@ApiTest
@OwnContext("cluster mode on PostgreSQL, shared with worker processes; asserts on the whole decisions topic")
class ClusterFailoverTest extends ApiTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String INTAKE = "failover-intake-" + RUN;
    private static final String DECISIONS = "failover-decisions-" + RUN;
    private static final int DECLARATIONS = 3000;
    private static final int DECLARANTS = 60;
    private static final int BATCH = 500;

    @BeforeAll
    static void prerequisites() {
        TestDatabases.requirePostgres();
        KafkaTestBroker.bootstrap();
    }

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("smartcustoms.cluster.bootstrap", KafkaTestBroker::bootstrap);
        registry.add("smartcustoms.cluster.partitions", () -> "6");
        registry.add("smartcustoms.cluster.intake-topic", () -> INTAKE);
        registry.add("smartcustoms.cluster.decision-topic", () -> DECISIONS);
        // this context and the three workers share the test PostgreSQL with every other context of the run
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    @Value("${spring.datasource.url}")
    String dbUrl;
    @Value("${spring.flyway.schemas}")
    String schema;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClusterRunCheck runCheck;

    @Test
    void everyDeclarationIsDecidedExactlyOnceThoughAWorkerIsKilled() throws Exception {
        Map<String, String> env = WorkerProcess.env(dbUrl, schema, Map.of(
                "smartcustoms.cluster.intake-topic", INTAKE,
                "smartcustoms.cluster.decision-topic", DECISIONS,
                "smartcustoms.cluster.worker-group", "failover-workers-" + RUN));
        Path dir = KafkaTestBroker.projectDir().resolve("smartcustoms-server/target/cluster-failover-" + RUN);

        Map<String, Integer> decisions = new ConcurrentHashMap<>();
        Map<String, String> decidedBy = new ConcurrentHashMap<>();
        Map<String, ClusterDecision.Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readDecisions(decisions, decidedBy, outcomes, reading), "failover-decisions");
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) workers.add(WorkerProcess.start("worker-" + i, env, dir));
            for (WorkerProcess w : workers) w.awaitReady(Duration.ofSeconds(120));
            reader.start();

            // submit in batches; after the first 1000, kill worker-1 (SIGKILL) once it has decided some of them,
            // so that it dies in the middle: with a poll in hand, and with 2000 more still to come
            List<String> ids = new ArrayList<>();
            WorkerProcess victim = workers.get(0);
            int decidedAtKill = -1;
            for (int from = 0; from < DECLARATIONS; from += BATCH) {
                StringBuilder body = new StringBuilder("[");
                for (int n = from; n < from + BATCH; n++) {
                    if (n > from) body.append(',');
                    body.append(ClusterFixtures.declaration("FO-" + RUN + "-" + n, party(n % DECLARANTS)));
                }
                ApiClient.Response r = api.post("/api/v1/declarations/batch", ADMIN, JSON, body.append(']').toString());
                assertThat(r.status()).as(r.toString()).isEqualTo(202);
                assertThat(r.json().get("queued").asInt()).as(r.toString()).isEqualTo(BATCH);
                for (JsonNode item : r.json().get("items")) ids.add(item.get("id").asText());
                if (from + BATCH == 2 * BATCH) {
                    ClusterFixtures.await("worker-1 deciding", Duration.ofSeconds(90),
                            () -> decidedBy.values().stream().filter("worker-1"::equals).count() >= 20);
                    decidedAtKill = decisions.size();
                    assertThat(victim.kill()).as("exit status after SIGKILL").isEqualTo(137);
                }
            }
            assertThat(Set.copyOf(ids)).hasSize(DECLARATIONS);
            assertThat(decidedAtKill).as("killed in the middle").isBetween(1, 2 * BATCH);

            ClusterFixtures.await("every declaration decided", Duration.ofSeconds(120), () -> decisions.size() >= DECLARATIONS);
            Thread.sleep(2_000); // a duplicate would come after the last first decision
            reading.set(false);
            reader.join(10_000);

            // every declaration decided once on the decisions topic, by the three workers (worker-1 before its death)
            assertThat(decisions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(decisions.values()).allMatch(c -> c == 1);
            assertThat(Set.copyOf(outcomes.values())).containsExactly(ClusterDecision.Outcome.DECIDED);
            assertThat(Set.copyOf(decidedBy.values())).contains("worker-1").hasSizeGreaterThanOrEqualTo(2);
            assertThat(workers.get(1).alive() && workers.get(2).alive()).isTrue();

            // stored once each, under the id the API node answered with; one submission and one channel decision each
            // in the audit trail (the counts bench cluster checks at the end of every run)
            AuditVerifier.Result chain = verifier.verify(); // chains what a killed worker left in the journal first
            assertThat(chain.ok()).as(chain.message()).isTrue();
            assertThat(jdbc.queryForList("SELECT id FROM declaration WHERE lrn LIKE ?", String.class, "FO-" + RUN + "-%"))
                    .containsExactlyInAnyOrderElementsOf(ids);
            JdbcClusterRunCheck.RunCounts stored = runCheck.count("FO-" + RUN + "-");
            assertThat(stored).isEqualTo(new JdbcClusterRunCheck.RunCounts(DECLARATIONS, DECLARATIONS, DECLARATIONS, 1, 1, 1, 1));
            assertThat(stored.exactlyOnce(DECLARATIONS)).isTrue();
        } finally {
            reading.set(false);
            for (WorkerProcess w : workers) w.close();
        }
    }

    private static String party(int n) {
        return "GB" + String.format("%012d", 700_000_000_000L + n);
    }

    private static void readDecisions(Map<String, Integer> decisions, Map<String, String> decidedBy,
                                      Map<String, ClusterDecision.Outcome> outcomes, AtomicBoolean reading) {
        ClusterCodec codec = new ClusterCodec();
        Map<String, Object> c = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "failover-reader-" + RUN,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DECISIONS));
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ClusterDecision d = codec.read(r.value(), ClusterDecision.class);
                    decisions.merge(d.declarationId(), 1, Integer::sum);
                    decidedBy.put(d.declarationId(), d.worker());
                    outcomes.put(d.declarationId(), d.outcome());
                }
            }
        }
    }
}
