package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.KafkaTestBroker;

/**
 * {@code bin/kafka start --brokers 3}: a 3-node KRaft quorum whose topics get replication factor 3 and
 * min.insync.replicas 2, so that with one node killed (SIGKILL) records are still acknowledged by all in-sync
 * replicas and none of those written before is lost.
 */
@Tag("kafka")
class KafkaQuorumTest {

    @Test
    void aThreeNodeQuorumKeepsTakingAndServingRecordsWithOneNodeKilled() throws Exception {
        try (KafkaTestBroker.Quorum quorum = KafkaTestBroker.startQuorum()) {
            String topic = "quorum-test";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, quorum.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(3), java.util.Optional.empty()))).all().get();
                TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
                assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, quorum.bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, "k" + (i % 7), "before-" + i)).get(30, TimeUnit.SECONDS);
                long pid = quorum.pid(3);
                ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
                node.destroyForcibly();
                node.onExit().get(30, TimeUnit.SECONDS);
                assertThat(node.isAlive()).isFalse();
                for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, "k" + (i % 7), "after-" + i)).get(60, TimeUnit.SECONDS);
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, quorum.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "quorum-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (values.size() < 200 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
                }
            }
            assertThat(values).hasSize(200);
            assertThat(values.stream().filter(v -> v.startsWith("before-"))).hasSize(100);
        }
    }
}
