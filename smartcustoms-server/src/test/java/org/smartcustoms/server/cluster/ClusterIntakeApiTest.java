package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cluster mode end to end over HTTP against the real Kafka broker: this server is an API node and a worker (one
 * JVM, H2); a submission is answered 202 with its id and status link, queued on Kafka, decided by the worker through
 * the intake, and its decision comes back through the decisions topic.
 */
@Tag("kafka")
@OnH2
@ApiTest
@OwnContext("cluster mode: the intake queues on Kafka (SMARTCUSTOMS_KAFKA_BOOTSTRAP) instead of deciding at once")
class ClusterIntakeApiTest extends ApiTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void broker() {
        KafkaTestBroker.bootstrap();
    }

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("smartcustoms.cluster.bootstrap", KafkaTestBroker::bootstrap);
        registry.add("smartcustoms.cluster.worker", () -> "true");
        registry.add("smartcustoms.cluster.partitions", () -> "3");
        registry.add("smartcustoms.cluster.intake-topic", () -> "api-test-intake-" + RUN);
        registry.add("smartcustoms.cluster.decision-topic", () -> "api-test-decisions-" + RUN);
        registry.add("smartcustoms.cluster.worker-group", () -> "api-test-workers-" + RUN);
    }

    @Autowired
    DecisionFeed feed;
    @Autowired
    ClusterSettings settings;

    String party;
    String trader;

    @BeforeEach
    void trader() {
        party = ClusterFixtures.party(1);
        trader = token(Role.TRADER, party);
    }

    private JsonNode awaitDecision(String statusUrl, String token) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        ClusterFixtures.await("a decision at " + statusUrl, Duration.ofSeconds(90), () -> {
            ApiClient.Response r = api.get(statusUrl, token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            last[0] = r.json();
            return !r.json().get("state").asText().equals("QUEUED");
        });
        return last[0];
    }

    @Test
    void anOriginalIsQueuedWith202AndAWorkerDecidesIt() throws Exception {
        String lrn = "CL-" + UUID.randomUUID().toString().substring(0, 10);
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, ClusterFixtures.declaration(lrn, party));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().get("id").asText();
        assertThat(id).matches("\\d{2}SC[0-9A-Z]{14}");
        String statusUrl = r.json().get("statusUrl").asText();
        assertThat(statusUrl).isEqualTo("/api/v1/intake/" + id);
        assertThat(r.header("Location")).endsWith(statusUrl);

        JsonNode decided = awaitDecision(statusUrl, trader);
        assertThat(decided.get("state").asText()).isEqualTo("DECIDED");
        assertThat(decided.get("lrn").asText()).isEqualTo(lrn);
        assertThat(decided.get("status").asText()).isIn("RELEASED", "UNDER_CONTROL", "RISK_ASSESSED");
        assertThat(decided.get("channel").asText()).isIn("GREEN", "YELLOW", "RED");

        // the decision came back over the decisions topic (committed transactions) to this API node
        ClusterFixtures.await("the decision on the decisions topic", Duration.ofSeconds(30), () -> feed.decision(id).isPresent());
        assertThat(feed.decision(id).orElseThrow().outcome()).isEqualTo(ClusterDecision.Outcome.DECIDED);
        assertThat(feed.decision(id).orElseThrow().status().name()).isEqualTo(decided.get("status").asText());

        // stored by the worker through the intake, under the id the API node answered with
        JsonNode d = api.get("/api/v1/declarations/" + id, trader).json();
        assertThat(d.get("id").asText()).isEqualTo(id);
        assertThat(d.get("history").findValuesAsText("status")).contains("SUBMITTED", "ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'CHANNEL_DECISION')"
                + " + (SELECT COUNT(*) FROM audit_journal WHERE subject_id = ? AND action = 'CHANNEL_DECISION')",
                Integer.class, id, id)).isEqualTo(1);

        // the same LRN again: the stored declaration (idempotent), nothing queued
        ApiClient.Response again = api.post("/api/v1/declarations", trader, JSON, ClusterFixtures.declaration(lrn, party));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        assertThat(again.json().get("created").asBoolean()).isFalse();
    }

    @Test
    void aMessageTheWorkerRefusesIsDecidedRejectedWithItsReasons() throws Exception {
        // a message no API node would queue (the submitter is not the declarant), put on the intake log directly:
        // the worker's intake refuses it, nothing is stored, and the status shows the reasons from the decision
        String id = intake.allocateId();
        Declaration d = new DeclarationJson().read(ClusterFixtures.declaration("CL-REJ-" + RUN, party));
        IntakeMessage m = new IntakeMessage(id, "someone-else", ClusterFixtures.party(3), false, d, java.time.Instant.parse("2026-11-20T10:00:00Z"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(settings.intakeTopic(), m.key(), new ClusterCodec().write(m))).get();
        }
        // not queued through this node: unknown here (404) until its decision arrives
        ClusterFixtures.await("the rejection on the decisions topic", Duration.ofSeconds(60), () -> feed.decision(id).isPresent());
        JsonNode status = api.get("/api/v1/intake/" + id, ApiTestSupport.ADMIN).json();
        assertThat(status.get("state").asText()).isEqualTo("REJECTED");
        assertThat(status.get("errors").get(0).get("code").asText()).isEqualTo("DECLARANT_NOT_YOU");
        assertThat(intake.store().find(id)).isEmpty();
        assertThat(api.get("/api/v1/intake/" + id, trader).status()).isEqualTo(200);
    }

    @Test
    void anInvalidOriginalIsRefusedAt422AndNotQueued() {
        String bad = ClusterFixtures.declaration("CL-BAD-" + RUN, party).replace("\"8504400090\"", "\"85X\"");
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBatchQueuesItsValidRowsAndReportsTheOthers() throws Exception {
        String b = UUID.randomUUID().toString().substring(0, 8);
        String body = "[" + String.join(",", List.of(
                ClusterFixtures.declaration("CLB-" + b + "-1", party),
                ClusterFixtures.declaration("CLB-" + b + "-2", party),
                ClusterFixtures.declaration("CLB-" + b + "-3", party).replace("\"8504400090\"", "\"85X\""),
                ClusterFixtures.declaration("CLB-" + b + "-4", party))) + "]";
        ApiClient.Response r = api.post("/api/v1/declarations/batch", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("queued").asInt()).isEqualTo(3);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejections").get(0).get("row").asLong()).isEqualTo(3);
        for (JsonNode item : r.json().get("items")) {
            JsonNode decided = awaitDecision(item.get("statusUrl").asText(), trader);
            assertThat(decided.get("state").asText()).isEqualTo("DECIDED");
            assertThat(decided.get("storedId").asText()).isEqualTo(item.get("id").asText());
        }
    }

    @Test
    void anotherTraderDoesNotSeeTheSubmission() throws Exception {
        ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, ClusterFixtures.declaration("CL-OWN-" + RUN, party));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String other = token(Role.TRADER, ClusterFixtures.party(2));
        assertThat(api.get(r.json().get("statusUrl").asText(), other).status()).isEqualTo(404);
        awaitDecision(r.json().get("statusUrl").asText(), trader);
        assertThat(api.get(r.json().get("statusUrl").asText(), other).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/intake/26SCNOSUCHDECLARAT", trader).status()).isEqualTo(404);
    }
}
