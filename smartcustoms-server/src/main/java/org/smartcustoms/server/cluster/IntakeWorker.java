package org.smartcustoms.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.IntakeResult;
import org.smartcustoms.server.declaration.StoredDeclaration;

/**
 * A worker ({@code serve --worker}): one of the consumer group that shares the intake log's partitions. For each
 * queued submission it runs the existing intake (validate, assess, score, route, audit, notify: one database
 * transaction, idempotent on declarant + LRN), then publishes the decisions of a poll and commits the consumed
 * offsets in one Kafka transaction, after the database commits.
 *
 * <p>Exactly once in effect: a worker that dies after the database commit and before the Kafka commit leaves its
 * Kafka transaction to be aborted (its decisions never visible to read_committed readers) and its offsets
 * uncommitted; the next owner of the partition submits the same messages again, the intake finds each declarant +
 * LRN already stored (no second declaration, decision or audit entry) and the decision is published then, once.
 */
public class IntakeWorker implements org.springframework.context.SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IntakeWorker.class);
    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final DeclarationIntake intake;
    private final QueuedChanges changes;
    private final QueuedManifests manifests;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long decided;

    IntakeWorker(ClusterSettings settings, ClusterCodec codec, DeclarationIntake intake, QueuedChanges changes,
                 QueuedManifests manifests, Clock clock) {
        this.settings = settings;
        this.changes = changes;
        this.manifests = manifests;
        this.codec = codec;
        this.intake = intake;
        this.clock = clock;
        this.thread = new Thread(this::run, "cluster-intake-worker");
    }

    /** Starts consuming once every bean of the context is ready (database migrated, intake wired). */
    @Override
    public void start() {
        // not a daemon: a worker node without a web server lives as long as this thread
        thread.start();
    }

    @Override
    public boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Submissions this worker decided and committed since it started. */
    public long decided() {
        return decided;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> c = settings.client("worker");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.workerGroup());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // a killed worker's partitions move to the others after this long without its heartbeat
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> c = settings.client("decisions");
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "smartcustoms-worker-" + settings.node() + "-" + java.util.UUID.randomUUID());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        // a killed worker's open transaction is aborted after this long (its partitions' readers wait for that)
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private void run() {
        while (running) {
            KafkaProducer<String, byte[]> producer = null;
            try {
                consumer = newConsumer();
                producer = newProducer();
                consumer.subscribe(List.of(settings.intakeTopic()));
                log.info("worker {} consuming {} in group {}", settings.node(), settings.intakeTopic(), settings.workerGroup());
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) continue;
                    try {
                        process(records, producer);
                    } catch (CommitFailedException e) {
                        // the group rebalanced while this poll was decided: its transaction is aborted; read the
                        // partitions still assigned again from their committed offsets (the intake is idempotent)
                        log.info("worker {}: rebalanced during a poll ({}); reading again from the committed offsets",
                                settings.node(), e.getMessage());
                        rewind();
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                // the transaction is aborted (or will be, by the coordinator): the uncommitted offsets are read again
                // by this worker's new consumer or by another member, and the intake is idempotent
                log.warn("worker {}: {}; reconnecting", settings.node(), e.toString());
                pause(2_000);
            } finally {
                closeQuietly(producer);
                KafkaConsumer<String, byte[]> c = consumer;
                if (c != null) {
                    try {
                        c.close(Duration.ofSeconds(5));
                    } catch (RuntimeException ignored) {
                        // closing after a failure
                    }
                }
            }
        }
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(30));
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata at = committed.get(tp);
            if (at != null) consumer.seek(tp, at);
            else consumer.seekToBeginning(List.of(tp));
        }
    }

    private void process(ConsumerRecords<String, byte[]> records, KafkaProducer<String, byte[]> producer) {
        producer.beginTransaction();
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            List<ProducerRecord<String, byte[]>> out = new ArrayList<>(records.count());
            for (ConsumerRecord<String, byte[]> r : records) {
                ClusterDecision d = decide(r);
                if (d != null) {
                    out.add(new ProducerRecord<>(settings.decisionTopic(), d.declarantId(), codec.write(d)));
                }
                offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            for (ProducerRecord<String, byte[]> o : out) producer.send(o);
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            decided += out.size();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // fenced or broken: the coordinator aborts it
            }
            throw e;
        }
    }

    /** Runs one queued submission through the intake (its own database transaction); null for an unreadable record. */
    private ClusterDecision decide(ConsumerRecord<String, byte[]> r) {
        if (ManifestMessage.is(r)) return manifest(r);
        IntakeMessage m;
        try {
            m = codec.read(r.value(), IntakeMessage.class);
        } catch (ClusterCodec.UnreadableMessageException e) {
            log.error("skipping an unreadable intake message at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
        if (m.change()) return change(m);
        try {
            IntakeResult result = intake.submit(m.declaration(), m.actor(), m.declarationId());
            StoredDeclaration s = result.declaration();
            // a replay after a crash finds the declaration stored under its own id: that is the decision, still unpublished
            ClusterDecision.Outcome outcome = s.id().equals(m.declarationId())
                    ? ClusterDecision.Outcome.DECIDED : ClusterDecision.Outcome.DUPLICATE;
            return new ClusterDecision(m.declarationId(), s.declarantId(), m.declaration().lrn(), outcome, s.status(),
                    s.riskChannel(), s.id(), List.of(), settings.node(), clock.instant(), s.version());
        } catch (InvalidDeclarationException e) {
            intake.notifyRejected(m.declaration().declarantId(), m.declaration().lrn(), e.violations());
            return rejected(m, e.violations());
        } catch (KafkaException | org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            throw e; // infrastructure: nothing is decided, the poll is read again
        } catch (RuntimeException e) {
            // the intake refused the message for a reason of its own (its API answers 4xx for these): decided as
            // rejected rather than retried for ever
            log.warn("worker {}: submission {} refused: {}", settings.node(), m.declarationId(), e.toString());
            return rejected(m, List.of(new org.smartcustoms.declaration.Violation("", "NOT_PROCESSED",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** A queued manifest of low-value consignments: stored once (MANIFEST with the counts) or REJECTED as unreadable. */
    private ClusterDecision manifest(ConsumerRecord<String, byte[]> r) {
        ManifestMessage m;
        try {
            m = codec.read(r.value(), ManifestMessage.class);
        } catch (ClusterCodec.UnreadableMessageException e) {
            log.error("skipping an unreadable manifest message at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
        try {
            return manifests.decide(m);
        } catch (KafkaException | org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            // infrastructure, or another manifest stored some of the same consignment ids at the same moment (primary
            // key): nothing of this one is stored; the poll is read again and the ids stored meanwhile are reported then
            throw e;
        } catch (RuntimeException e) {
            log.warn("worker {}: manifest {} refused: {}", settings.node(), m.manifestId(), e.toString());
            return manifests.rejected(m, List.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private ClusterDecision rejected(IntakeMessage m, List<org.smartcustoms.declaration.Violation> violations) {
        return new ClusterDecision(m.declarationId(), m.key(), m.declaration().lrn(),
                ClusterDecision.Outcome.REJECTED, null, null, null, violations, settings.node(), clock.instant(), null);
    }

    /**
     * A queued amendment or cancellation, applied once (a replay answers the recorded decision): DECIDED with the
     * declaration's status and channel as they stand after the change, or REJECTED with the reason.
     */
    private ClusterDecision change(IntakeMessage m) {
        JdbcAppliedChanges.Applied a;
        try {
            a = changes.apply(m);
        } catch (KafkaException | org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            throw e; // infrastructure: nothing is decided, the poll is read again
        } catch (RuntimeException e) {
            log.warn("worker {}: change {} refused: {}", settings.node(), m.declarationId(), e.toString());
            return rejected(m, List.of(new org.smartcustoms.declaration.Violation("", "NOT_PROCESSED",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
        if (a.outcome() == ClusterDecision.Outcome.REJECTED) return rejected(m, a.reasons());
        StoredDeclaration s = intake.store().find(a.declarationId()).orElseThrow();
        return new ClusterDecision(m.declarationId(), a.declarantId(), a.lrn(), ClusterDecision.Outcome.DECIDED, s.status(),
                s.riskChannel(), a.declarationId(), List.of(), settings.node(), clock.instant(), a.version());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(KafkaProducer<String, byte[]> p) {
        if (p == null) return;
        try {
            p.close(Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // closing after a failure
        }
    }

}
