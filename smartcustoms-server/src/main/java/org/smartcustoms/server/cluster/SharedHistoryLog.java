package org.smartcustoms.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.server.inspection.InspectionRecorded;
import org.smartcustoms.server.risk.DeclarationObserved;
import org.smartcustoms.server.risk.RiskStateReplica;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The shared history: every declaration a node scores and every inspection outcome a node records reaches the
 * model history (trader, route and price profiles) of every other node, so a worker that never decided a trader's
 * declarations still knows them. A node publishes once its transaction has committed, keyed by declaration id (a
 * declaration's records stay in order on one partition); every other node applies each record once (a node skips its
 * own: it applied them as it made them), reading the declaration from the shared database.
 *
 * <p>The database is the history of record: a node (re)builds its model's history from it at start-up, so this log
 * only carries what happened since. Its topic therefore deletes records after {@code history-retention-hours}
 * instead of compacting them, and a starting node reads it from the moment its history rebuild began (less a few
 * seconds for clocks): a declaration stored while the rebuild read the database can count twice in that node's model
 * history, none is missed.
 */
final class SharedHistoryLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedHistoryLog.class);
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final RiskStateReplica replica;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    SharedHistoryLog(ClusterSettings settings, ClusterCodec codec, RiskStateReplica replica, String topic, int retentionHours) {
        this.settings = settings;
        this.codec = codec;
        this.replica = replica;
        this.topic = topic;
        ensureTopic(retentionHours);
        Map<String, Object> p = settings.client("history-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> c = settings.client("history-consumer");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        startFrom(partitions);
        this.thread = new Thread(this::run, "cluster-shared-history");
        thread.setDaemon(true);
        thread.start();
    }

    /** From when this node's history was rebuilt from the database (or from the end, with no model history yet). */
    private void startFrom(List<TopicPartition> partitions) {
        Instant from = replica.historyRebuilt().map(t -> t.minus(CLOCK_MARGIN)).orElse(null);
        if (from == null) {
            consumer.seekToEnd(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        for (TopicPartition tp : partitions) query.put(tp, from.toEpochMilli());
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found.get(tp);
            if (o == null) consumer.seekToEnd(List.of(tp));
            else consumer.seek(tp, o.offset());
        }
        for (TopicPartition tp : partitions) consumer.position(tp, Duration.ofSeconds(30)); // resolve before serving
    }

    @TransactionalEventListener(fallbackExecution = true)
    void observed(DeclarationObserved e) {
        send(new HistoryMessage(settings.node(), e.declarationId(), null));
    }

    @TransactionalEventListener
    void inspected(InspectionRecorded e) {
        if (e.label() != null) send(new HistoryMessage(settings.node(), e.declarationId(), e.label()));
    }

    private void send(HistoryMessage m) {
        // asynchronous: the decision does not wait for the other nodes' history; a failure is logged
        producer.send(new ProducerRecord<>(topic, m.declarationId(), codec.write(m)), (meta, error) -> {
            if (error != null) log.error("Could not publish the history of {} to {}: {}", m.declarationId(), topic, error.getMessage());
        });
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) apply(r);
            }
        } catch (WakeupException e) {
            if (running) throw e;
        } catch (RuntimeException e) {
            log.error("The shared history stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) return;
        HistoryMessage m;
        try {
            m = codec.read(r.value(), HistoryMessage.class);
        } catch (ClusterCodec.UnreadableMessageException e) {
            log.error("Skipping unreadable history record {}-{} at offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        if (m.origin().equals(settings.node())) return; // applied when it was made
        try {
            if (m.label() == null) observeOnceStored(m.declarationId());
            else replica.record(m.declarationId(), m.label());
        } catch (RuntimeException e) {
            log.error("Could not apply the history of {} from {}: {}", m.declarationId(), m.origin(), e.getMessage());
        }
    }

    /**
     * A declaration is announced when it is scored, which on the scoring node may be just before its transaction
     * commits (a single submission is scored before its transaction begins, a batch before it is written): while the
     * database does not show it yet, wait a little and look again, up to {@link #UNSTORED_ATTEMPTS} times (a
     * declaration whose transaction rolled back never shows up, and is then skipped).
     */
    private void observeOnceStored(String declarationId) {
        for (int i = 0; i < UNSTORED_ATTEMPTS && running && replica.keepsHistory(); i++) {
            if (replica.observe(declarationId)) return;
            try {
                Thread.sleep(UNSTORED_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final Duration UNSTORED_RETRY = Duration.ofMillis(100);
    private static final int UNSTORED_ATTEMPTS = 50;

    private void ensureTopic(int retentionHours) {
        ClusterTopics.create(settings, "history topic " + topic, List.of(new NewTopic(topic, java.util.Optional.of(settings.partitions()), java.util.Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(retentionHours).toMillis())))));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
