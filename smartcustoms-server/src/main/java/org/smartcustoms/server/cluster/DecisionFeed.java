package org.smartcustoms.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The API node's view of the decisions topic: a thread that reads every partition (committed transactions only, no
 * consumer group: every API node reads all, from the moment it started) and keeps recent decisions by declaration
 * id for the status page. Older decisions are read from the database (the worker stored them).
 */
public class DecisionFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecisionFeed.class);
    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final IntakeLog intakeLog;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Cache<String, ClusterDecision> decisions = Caffeine.newBuilder().maximumSize(1_000_000)
            .expireAfterWrite(Duration.ofHours(6)).build();
    private final Thread thread;
    private volatile boolean running = true;

    DecisionFeed(ClusterSettings settings, ClusterCodec codec, IntakeLog intakeLog) {
        this.settings = settings;
        this.codec = codec;
        this.intakeLog = intakeLog;
        Map<String, Object> c = settings.client("decisions");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(settings.decisionTopic(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now: decisions from here on are seen
        this.thread = new Thread(this::run, "cluster-decision-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ClusterDecision d = codec.read(r.value(), ClusterDecision.class);
                        decisions.put(d.declarationId(), d);
                        intakeLog.decided(d.declarationId());
                    } catch (ClusterCodec.UnreadableMessageException e) {
                        log.warn("skipping an unreadable decision at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the decision feed of {} stopped", settings.decisionTopic(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The decision for a declaration id, if one was published since this node started (and is still kept). */
    public Optional<ClusterDecision> decision(String id) {
        return Optional.ofNullable(decisions.getIfPresent(id));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
