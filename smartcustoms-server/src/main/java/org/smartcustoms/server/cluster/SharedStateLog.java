package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.smartcustoms.server.risk.RiskStateChanged;
import org.smartcustoms.server.risk.RiskStateReplica;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The shared-state log: one compacted, single-partition topic ({@code smartcustoms.cluster.state-topic}) through which
 * every rule, watch-list and model change reaches every node. A node appends its change once the transaction that
 * stored it has committed ({@link #publish}); every node, its own included, applies every record in the log's one
 * order, so the last promotion in the log is the one every node serves, whichever node made it. Rules and watch lists
 * are reloaded from the shared database once it holds the announced version (a stale read is retried, never applied
 * as the last word); models travel as their files (checked against their dossier when installed) ahead of the
 * promotion that names them. At start-up the node reads the log from its beginning before it serves, so a node that
 * starts late (or with an empty data directory) registers every model, follows the current promotion and reloads.
 */
final class SharedStateLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedStateLog.class);
    private static final Duration STALE_RETRY = Duration.ofMillis(200);
    private static final int STALE_ATTEMPTS = 150;

    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final RiskStateReplica replica;
    private final TopicPartition partition;
    private final int maxBytes;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long applied;

    SharedStateLog(ClusterSettings settings, ClusterCodec codec, RiskStateReplica replica, String topic, int maxBytes) {
        this.settings = settings;
        this.codec = codec;
        this.replica = replica;
        this.partition = new TopicPartition(topic, 0);
        this.maxBytes = maxBytes;
        ensureTopic();
        Map<String, Object> p = settings.client("state-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBytes);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * maxBytes));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> c = settings.client("state-consumer");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxBytes);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxBytes);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        catchUp();
        this.thread = new Thread(this::run, "cluster-shared-state");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records applied so far (the start-up catch-up included). */
    long applied() {
        return applied;
    }

    /** Appends a committed change (models with their files; a promotion after its model's files). */
    @TransactionalEventListener(fallbackExecution = true)
    void publish(RiskStateChanged change) {
        try {
            switch (change) {
                case RiskStateChanged.ModelRegistered m -> send(modelFiles(m.version()));
                case RiskStateChanged.ModelPromoted p -> {
                    // the files again: a model registered before cluster mode (or compacted away) must precede its promotion
                    send(modelFiles(p.version()));
                    send(SharedStateMessage.of(settings.node(), p));
                }
                default -> send(SharedStateMessage.of(settings.node(), change));
            }
        } catch (IOException | RuntimeException e) {
            // the change is stored and in force here; the other nodes learn it from the next change of its kind or at restart
            log.error("Could not publish {} to the shared-state log {}: {}", change, partition.topic(), e.getMessage());
        }
    }

    private SharedStateMessage modelFiles(String version) throws IOException {
        return SharedStateMessage.model(settings.node(), version, replica.files(version));
    }

    private void send(SharedStateMessage m) {
        byte[] value = codec.write(m);
        if (value.length > maxBytes) {
            throw new IllegalStateException(m.key() + " is " + value.length + " bytes, more than smartcustoms.cluster.state-max-bytes=" + maxBytes);
        }
        try {
            producer.send(new ProducerRecord<>(partition.topic(), 0, m.key(), value)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads the log up to its end as of start-up: models installed, the last promotion followed, rules and lists reloaded. */
    private void catchUp() {
        long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
        RiskStateChanged.ModelPromoted promotion = null;
        long n = 0;
        while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                SharedStateMessage m = read(r);
                n++;
                if (m == null) continue;
                if (m.model() != null) install(m);
                if (m.promotion() != null) promotion = m.promotion();
            }
        }
        if (promotion != null) {
            try {
                replica.apply(promotion);
            } catch (IOException | RuntimeException e) {
                log.error("Could not follow the promotion of model {} from the shared-state log: {}", promotion.version(), e.getMessage());
            }
        }
        replica.reloadAll();
        applied = n;
        log.info("Shared state read from {} ({} records, up to offset {})", partition, n, end);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SharedStateMessage m = read(r);
                    if (m != null) apply(m);
                    applied++;
                }
            }
        } catch (WakeupException e) {
            if (running) throw e;
        } catch (RuntimeException e) {
            log.error("The shared-state log stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private SharedStateMessage read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) return null;
        try {
            return codec.read(r.value(), SharedStateMessage.class);
        } catch (ClusterCodec.UnreadableMessageException e) {
            log.error("Skipping unreadable shared-state record at offset {}: {}", r.offset(), e.getMessage());
            return null;
        }
    }

    private void apply(SharedStateMessage m) {
        try {
            if (m.rule() != null && untilCurrent(() -> replica.apply(m.rule()), m.key())) {
                log.info("{} from {} is in force here", m.key(), m.origin());
            }
            if (m.watchList() != null && untilCurrent(() -> replica.apply(m.watchList()), m.key())) {
                log.info("{} from {} is in force here", m.key(), m.origin());
            }
            if (m.model() != null) install(m);
            if (m.promotion() != null && replica.apply(m.promotion())) {
                log.info("Model {} promoted on {} is in force here", m.promotion().version(), m.origin());
            }
        } catch (IOException | RuntimeException e) {
            log.error("Could not apply {} from {}: {}", m.key(), m.origin(), e.getMessage());
        }
    }

    private void install(SharedStateMessage m) {
        try {
            if (replica.install(m.model(), m.files())) log.info("Model {} registered from {}", m.model(), m.origin());
        } catch (IOException | RuntimeException e) {
            log.error("Could not register model {} from {}: {}", m.model(), m.origin(), e.getMessage());
        }
    }

    /**
     * Applies a rule or watch-list change once the database shows its version; the record is only sent after the
     * commit, so this waits only where reads lag behind (a replica), and after the waiting reloads what there is.
     */
    private boolean untilCurrent(java.util.function.BooleanSupplier attempt, String key) {
        for (int i = 0; i < STALE_ATTEMPTS && running; i++) {
            if (attempt.getAsBoolean()) return true;
            try {
                Thread.sleep(STALE_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        log.error("The database never showed the version announced for {}; reloading what it holds", key);
        replica.reloadAll();
        return false;
    }

    private void ensureTopic() {
        ClusterTopics.create(settings, "shared-state topic " + partition.topic(), List.of(new NewTopic(partition.topic(), java.util.Optional.of(1), java.util.Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxBytes)))));
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
