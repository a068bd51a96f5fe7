package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        ClusterFixtures.inProcessWorker(registry, "api-test", RUN);
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

    // ---- amendments and cancellations through the intake log (ordered behind their original by the declarant key)

    private String queue(String token, String body) {
        ApiClient.Response r = api.post("/api/v1/declarations", token, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.header("Location")).endsWith(r.json().get("statusUrl").asText());
        return r.json().get("statusUrl").asText();
    }

    private int audited(String id, String action) {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = ?)"
                + " + (SELECT COUNT(*) FROM audit_journal WHERE subject_id = ? AND action = ?)", Integer.class, id, action, id, action);
    }

    /** Audit entries of applied amendments: before release, or after it (a post-clearance correction). */
    private int amendments(String id) {
        return audited(id, "DECLARATION_AMENDED") + audited(id, "POST_RELEASE_CORRECTION");
    }

    @Test
    void anAmendmentOfAStillQueuedDeclarationIsQueuedBehindItAndAppliedOnce() throws Exception {
        String lrn = "CL-AM-" + UUID.randomUUID().toString().substring(0, 8);
        String original = queue(trader, ClusterFixtures.declaration(lrn, party));
        String id = original.substring(original.lastIndexOf('/') + 1);
        // sent at once: the original is still queued (single-node mode would answer 404 here)
        String change = queue(trader, ClusterFixtures.amendment(lrn, party, id));
        String changeId = change.substring(change.lastIndexOf('/') + 1);
        assertThat(changeId).isNotEqualTo(id);

        JsonNode first = awaitDecision(original, trader);
        assertThat(first.get("state").asText()).isEqualTo("DECIDED");
        JsonNode amended = awaitDecision(change, trader);
        if (first.get("status").asText().equals("UNDER_CONTROL")) {
            // selected for control at random: the declarant may no longer amend it
            assertThat(amended.get("state").asText()).isEqualTo("REJECTED");
            assertThat(amended.get("errors").get(0).get("code").asText()).isEqualTo("CONTROL_LOCKED");
            return;
        }
        assertThat(amended.get("state").asText()).as(amended.toString()).isEqualTo("DECIDED");
        assertThat(amended.get("storedId").asText()).isEqualTo(id);
        JsonNode versions = api.get("/api/v1/declarations/" + id + "/versions", trader).json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("items").get(0).get("netMassKg").decimalValue()).isEqualByComparingTo("812.0");
        ClusterFixtures.await("the amendment's decision on the decisions topic", Duration.ofSeconds(30), () -> feed.decision(changeId).isPresent());
        assertThat(feed.decision(changeId).orElseThrow().version()).isEqualTo(2);
        assertThat(amendments(id)).isEqualTo(1);

        // the same record on the topic again (a worker that crashed before its Kafka commit): a no-op with the same
        // decision; a later original of the declarant, same key so same partition, shows when it was read
        Declaration d = new DeclarationJson().read(ClusterFixtures.amendment(lrn, party, id));
        IntakeMessage replay = new IntakeMessage(changeId, "replayed", party, false, d, java.time.Instant.parse("2026-11-20T10:00:00Z"));
        String markerId = intake.allocateId();
        IntakeMessage marker = new IntakeMessage(markerId, "replayed", party, false,
                new DeclarationJson().read(ClusterFixtures.declaration(lrn + "-M", party)), java.time.Instant.parse("2026-11-20T10:00:00Z"));
        ClusterDecision before = feed.decision(changeId).orElseThrow();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(settings.intakeTopic(), replay.key(), new ClusterCodec().write(replay))).get();
            producer.send(new ProducerRecord<>(settings.intakeTopic(), marker.key(), new ClusterCodec().write(marker))).get();
        }
        ClusterFixtures.await("the record after the replay decided", Duration.ofSeconds(60), () -> feed.decision(markerId).isPresent());
        ClusterDecision again = feed.decision(changeId).orElseThrow();
        assertThat(again.decidedAt()).isAfterOrEqualTo(before.decidedAt());
        assertThat(again.outcome()).isEqualTo(ClusterDecision.Outcome.DECIDED);
        assertThat(again.storedId()).isEqualTo(id);
        assertThat(again.version()).isEqualTo(2);
        assertThat(api.get("/api/v1/declarations/" + id + "/versions", trader).json()).hasSize(2);
        assertThat(amendments(id)).isEqualTo(1);
        assertThat(api.get("/api/v1/declarations/" + id, trader).json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aBatchQueuesAnOriginalAndItsAmendmentInOrder() throws Exception {
        // the amendment references the original by its LRN: nothing of it is stored when the batch is answered
        String lrn = "CLB-AM-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "[" + ClusterFixtures.declaration(lrn, party) + "," + ClusterFixtures.amendment(lrn + "-A", party, lrn) + "]";
        ApiClient.Response r = api.post("/api/v1/declarations/batch", trader, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("queued").asInt()).isEqualTo(2);
        assertThat(r.json().get("applied").asInt()).isZero();
        JsonNode original = awaitDecision(r.json().get("items").get(0).get("statusUrl").asText(), trader);
        JsonNode amended = awaitDecision(r.json().get("items").get(1).get("statusUrl").asText(), trader);
        String id = original.get("storedId").asText();
        if (original.get("status").asText().equals("UNDER_CONTROL")) {
            assertThat(amended.get("errors").get(0).get("code").asText()).isEqualTo("CONTROL_LOCKED");
            return;
        }
        assertThat(amended.get("state").asText()).as(amended.toString()).isEqualTo("DECIDED");
        assertThat(amended.get("storedId").asText()).isEqualTo(id);
        assertThat(api.get("/api/v1/declarations/" + id, trader).json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aCancellationIsQueuedAndAppliedOrRefusedWithTheReasonOfItsState() throws Exception {
        String lrn = "CL-CA-" + UUID.randomUUID().toString().substring(0, 8);
        String original = queue(trader, ClusterFixtures.declaration(lrn, party));
        String id = original.substring(original.lastIndexOf('/') + 1);
        String cancel = queue(trader, ClusterFixtures.cancellation(lrn, party, id));
        JsonNode first = awaitDecision(original, trader);
        JsonNode cancelled = awaitDecision(cancel, trader);
        String status = first.get("status").asText();
        switch (status) {
            case "RELEASED" -> {
                // released goods cannot be cancelled: refused, as single-node mode answers 409
                assertThat(cancelled.get("state").asText()).isEqualTo("REJECTED");
                assertThat(cancelled.get("errors").get(0).get("code").asText()).isEqualTo("INVALID_STATE");
            }
            case "UNDER_CONTROL" -> {
                assertThat(cancelled.get("state").asText()).isEqualTo("REJECTED");
                assertThat(cancelled.get("errors").get(0).get("code").asText()).isEqualTo("CONTROL_LOCKED");
            }
            default -> {
                assertThat(cancelled.get("state").asText()).as(cancelled.toString()).isEqualTo("DECIDED");
                assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
                assertThat(audited(id, "DECLARATION_CANCELLED")).isEqualTo(1);
            }
        }
        assertThat(api.get("/api/v1/declarations/" + id, trader).json().get("status").asText())
                .isEqualTo(status.equals("RELEASED") || status.equals("UNDER_CONTROL") ? status : "CANCELLED");
    }

    @Test
    void aChangeOfADeclarationUnderControlIsRefusedWithTheReasonAndAudited() throws Exception {
        String lrn = "CL-CTL-" + UUID.randomUUID().toString().substring(0, 8);
        String original = queue(trader, ClusterFixtures.heldUnderControl(lrn, party));
        String id = original.substring(original.lastIndexOf('/') + 1);
        assertThat(awaitDecision(original, trader).get("status").asText()).isEqualTo("UNDER_CONTROL");
        JsonNode amend = awaitDecision(queue(trader, ClusterFixtures.amendment(lrn, party, id)), trader);
        assertThat(amend.get("state").asText()).as(amend.toString()).isEqualTo("REJECTED");
        assertThat(amend.get("errors").get(0).get("code").asText()).isEqualTo("CONTROL_LOCKED");
        assertThat(amend.get("errors").get(0).get("message").asText()).contains("under customs control");
        JsonNode cancel = awaitDecision(queue(trader, ClusterFixtures.cancellation(lrn, party, id)), trader);
        assertThat(cancel.get("state").asText()).isEqualTo("REJECTED");
        assertThat(cancel.get("errors").get(0).get("code").asText()).isEqualTo("CONTROL_LOCKED");
        // the attempts are kept for the officer, as in single-node mode; the declaration is unchanged
        assertThat(audited(id, "AMENDMENT_REFUSED")).isEqualTo(1);
        assertThat(audited(id, "CANCELLATION_REFUSED")).isEqualTo(1);
        JsonNode d = api.get("/api/v1/declarations/" + id, trader).json();
        assertThat(d.get("status").asText()).isEqualTo("UNDER_CONTROL");
        assertThat(d.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aChangeOfAnotherTradersDeclarationAnswersAsOneThatDoesNotExist() throws Exception {
        String lrn = "CL-OT-" + UUID.randomUUID().toString().substring(0, 8);
        String original = queue(trader, ClusterFixtures.declaration(lrn, party));
        String id = original.substring(original.lastIndexOf('/') + 1);
        awaitDecision(original, trader);
        String otherParty = ClusterFixtures.party(2);
        String other = token(Role.TRADER, otherParty);
        JsonNode theirs = awaitDecision(queue(other, ClusterFixtures.amendment(lrn, otherParty, id)), other);
        JsonNode none = awaitDecision(queue(other, ClusterFixtures.amendment(lrn + "-X", otherParty, "26SCNOSUCHDECLARAT")), other);
        assertThat(theirs.get("state").asText()).isEqualTo("REJECTED");
        assertThat(theirs.get("errors").get(0).get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(none.get("state").asText()).isEqualTo("REJECTED");
        assertThat(none.get("errors").get(0).get("code").asText()).isEqualTo("NOT_FOUND");
        JsonNode cancel = awaitDecision(queue(other, ClusterFixtures.cancellation(lrn, otherParty, id)), other);
        assertThat(cancel.get("errors").get(0).get("code").asText()).isEqualTo("NOT_FOUND");
        JsonNode d = api.get("/api/v1/declarations/" + id, trader).json();
        assertThat(d.get("version").asInt()).isEqualTo(1);
        assertThat(d.get("status").asText()).isNotEqualTo("CANCELLED");
    }

    // ---- a broker restart in the middle of a stream of submissions

    @Autowired
    org.smartcustoms.server.audit.AuditVerifier verifier;

    @Test
    void aBrokerRestartMidStreamLosesNoAcceptedSubmissionAndDecidesEachOnce() throws Exception {
        String prefix = "RS-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, String> accepted = new java.util.concurrent.ConcurrentHashMap<>(); // lrn -> id answered with 202
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();     // lrns answered 503
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                String lrn = prefix + sent.incrementAndGet();
                ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, ClusterFixtures.declaration(lrn, party));
                if (r.status() == 202) accepted.put(lrn, r.json().get("id").asText());
                else if (r.status() == 503 && r.contentType().startsWith("application/problem+json")) refused.add(lrn);
                else unexpected.add(lrn + ": " + r);
            }
        }, "submission-stream");
        stream.start();
        try {
            ClusterFixtures.await("submissions before the stop", Duration.ofSeconds(60), () -> accepted.size() >= 15);
            KafkaTestBroker.stop();
            // while the broker is down a submission is answered 503 (nothing promised), not 5xx of another kind
            ClusterFixtures.await("a submission refused while the broker is down", Duration.ofSeconds(120), () -> !refused.isEmpty());
            KafkaTestBroker.startAgain();
            int before = accepted.size();
            ClusterFixtures.await("submissions after the restart", Duration.ofSeconds(120), () -> accepted.size() >= before + 15);
        } finally {
            streaming.set(false);
            stream.join(120_000);
        }
        assertThat(unexpected).isEmpty();
        // retried after the restart, a refused submission is taken: queued (202), or its declaration if the broker had
        // in fact stored the record whose acknowledgement was lost (200, the same declarant + LRN)
        for (String lrn : refused) {
            ApiClient.Response r = api.post("/api/v1/declarations", trader, JSON, ClusterFixtures.declaration(lrn, party));
            assertThat(r.status()).as(r.toString()).isIn(200, 202);
            if (r.status() == 202) accepted.put(lrn, r.json().get("id").asText());
        }
        for (String id : accepted.values()) {
            JsonNode decided = awaitDecision("/api/v1/intake/" + id, trader);
            assertThat(decided.get("state").asText()).as(decided.toString()).isIn("DECIDED", "DUPLICATE");
        }

        // this API node's decision feed read on through the restart: it has every decision
        ClusterFixtures.await("every decision in the API node's feed", Duration.ofSeconds(60),
                () -> accepted.values().stream().allMatch(id -> feed.decision(id).isPresent()));

        // each accepted id decided exactly once on the decisions topic (committed transactions only)
        Map<String, Integer> decisions = committedDecisions(Set.copyOf(accepted.values()));
        assertThat(decisions.keySet()).containsExactlyInAnyOrderElementsOf(accepted.values());
        assertThat(decisions.values()).allMatch(n -> n == 1);
        // one declaration per LRN, one submission and one channel decision in the audit each; the chain verifies
        Set<String> lrns = new java.util.HashSet<>(accepted.keySet());
        lrns.addAll(refused);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE lrn LIKE ?", Integer.class, prefix + "%"))
                .isEqualTo(lrns.size());
        for (String id : jdbc.queryForList("SELECT id FROM declaration WHERE lrn LIKE ?", String.class, prefix + "%")) {
            assertThat(audited(id, "CHANNEL_DECISION")).as(id).isEqualTo(1);
            assertThat(audited(id, "DECLARATION_SUBMITTED")).as(id).isEqualTo(1);
        }
        org.smartcustoms.server.audit.AuditVerifier.Result chain = verifier.verify();
        assertThat(chain.ok()).as(chain.message()).isTrue();
    }

    /** How many committed decisions the decisions topic holds for each of these ids, read from its start. */
    private Map<String, Integer> committedDecisions(Set<String> ids) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrap(),
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = c.partitionsFor(settings.decisionTopic(), Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            ClusterCodec codec = new ClusterCodec();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    ClusterDecision d = codec.read(r.value(), ClusterDecision.class);
                    if (ids.contains(d.declarationId())) counts.merge(d.declarationId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
