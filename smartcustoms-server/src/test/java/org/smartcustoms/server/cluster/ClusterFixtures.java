package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.smartcustoms.server.KafkaTestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the cluster tests share: declarations of a given declarant and LRN, and waiting for the workers. */
final class ClusterFixtures {
    /**
     * Cluster mode on the test broker with this context as API node AND worker (in process), on topics and a worker
     * group of its own: {@code <name>-intake-<run>}, {@code <name>-decisions-<run>}, {@code <name>-workers-<run>}.
     */
    static void inProcessWorker(DynamicPropertyRegistry registry, String name, String run) {
        registry.add("smartcustoms.cluster.bootstrap", KafkaTestBroker::bootstrap);
        registry.add("smartcustoms.cluster.worker", () -> "true");
        registry.add("smartcustoms.cluster.partitions", () -> "3");
        registry.add("smartcustoms.cluster.intake-topic", () -> name + "-intake-" + run);
        registry.add("smartcustoms.cluster.decision-topic", () -> name + "-decisions-" + run);
        registry.add("smartcustoms.cluster.worker-group", () -> name + "-workers-" + run);
    }

    private static final String EXAMPLE = read();

    private ClusterFixtures() { }

    /** The example import declaration (declaration-import.json) with this LRN, declared and imported by {@code party}. */
    static String declaration(String lrn, String party) {
        return EXAMPLE.replace("LRN-TEST-0001", lrn).replace("GB123456789000", party);
    }

    /** An amendment (13) of declaration {@code id}: the same declaration with the first item's net mass 812 kg. */
    static String amendment(String lrn, String party, String id) {
        return declaration(lrn, party).replace("\"functionCode\": \"9\"", "\"functionCode\": \"13\", \"referencedId\": \"" + id + "\"")
                .replace("\"netMassKg\": 800.5", "\"netMassKg\": 812.0");
    }

    /** A cancellation (1) of declaration {@code id}. */
    static String cancellation(String lrn, String party, String id) {
        return declaration(lrn, party).replace("\"functionCode\": \"9\"", "\"functionCode\": \"1\", \"referencedId\": \"" + id + "\"");
    }

    /**
     * A simplified import (type B) whose only item has no commodity code: accepted with an incomplete assessment,
     * so held under control whatever the channel.
     */
    static String heldUnderControl(String lrn, String party) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode d = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(declaration(lrn, party));
            ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("type")).put("additionalType", "B");
            ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("items")).remove(1);
            ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("items").get(0)).remove("commodityCode");
            return d.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A party id (GB EORI form) unique enough for one test run. */
    static String party(int n) {
        return "GB" + String.format("%012d", Math.floorMod(System.nanoTime(), 1_000_000L) * 1_000_000L + n);
    }

    /** Waits until {@code done} holds, failing with {@code what} after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    /** Puts records on a topic directly, as a worker that crashed before its Kafka commit would see them again. */
    @SafeVarargs
    static void publish(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>... records) throws Exception {
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                java.util.Map.of(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        org.smartcustoms.server.KafkaTestBroker.bootstrap()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (var r : records) producer.send(r).get();
        }
    }

    private static String read() {
        try (InputStream in = ClusterFixtures.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
