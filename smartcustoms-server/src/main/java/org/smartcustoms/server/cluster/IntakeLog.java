package org.smartcustoms.server.cluster;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.IntakeResult;
import org.smartcustoms.server.declaration.StoredDeclaration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The API node's side of the intake log: an original declaration that passes validation gets its declaration id
 * here and is appended to the intake topic (keyed by declarant; idempotent producer, acks from all in-sync
 * replicas) before the client hears 202. A declarant's LRN that is already stored answers with that declaration, as
 * in single-node mode. Workers ({@link IntakeWorker}) store, assess and score it; {@link DecisionFeed} brings their
 * decisions back.
 */
public class IntakeLog implements AutoCloseable {
    /** A submission queued for the workers: its declaration id, and where its status can be read. */
    public record Queued(String id, String lrn, String declarantId, String statusUrl) { }

    /** Either the declaration already stored under the declarant's LRN, or the queued submission. */
    public record Accepted(Optional<IntakeResult> existing, Optional<Queued> queued) { }

    private final ClusterSettings settings;
    private final ClusterCodec codec;
    private final DeclarationIntake intake;
    private final DeclarationValidator validator;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    /** Submissions this node queued and no decision has been seen for yet: id to declarant (for the status page). */
    private final Cache<String, Queued> pending = Caffeine.newBuilder().maximumSize(1_000_000)
            .expireAfterWrite(java.time.Duration.ofHours(6)).build();

    IntakeLog(ClusterSettings settings, ClusterCodec codec, DeclarationIntake intake, DeclarationValidator validator, Clock clock) {
        this.settings = settings;
        this.codec = codec;
        this.intake = intake;
        this.validator = validator;
        this.clock = clock;
        Map<String, Object> c = settings.client("intake");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * True for a message the intake log takes: an original, or an amendment or cancellation whose declarant is known
     * (named in it, or the submitting trader's party), since that is the key that orders it after its original. A
     * customs user's change that names no declarant is applied at once, as in single-node mode.
     */
    public static boolean queues(Declaration d, Actor actor) {
        return !isChange(d) || d.declarantId() != null || actor.party() != null;
    }

    private static boolean isChange(Declaration d) {
        return d.isAmendment() || d.isCancellation();
    }

    /**
     * Accepts one submission. An original is validated here (422 with every reason, as in single-node mode), then the stored
     * declaration of the same declarant + LRN, or else queued. Returns once the intake topic has it.
     */
    public Accepted accept(Declaration submitted, Actor actor) {
        List<Accepted> one = acceptAll(List.of(submitted), actor, (i, violations) -> {
            throw new InvalidDeclarationException(violations);
        });
        return one.get(0);
    }

    /** What to do with a row that failed validation (its index in the list and every reason). */
    public interface Rejections {
        void rejected(int index, List<Violation> violations);
    }

    /**
     * Accepts many originals: each row is checked on its own (a bad one goes to {@code rejections} and is absent
     * from the result, which keeps the order of the others), all queued rows are sent before waiting for the
     * acknowledgements, and this returns once the intake topic has every one of them.
     */
    public List<Accepted> acceptAll(List<Declaration> submitted, Actor actor, Rejections rejections) {
        List<Accepted> accepted = new ArrayList<>(submitted.size());
        List<Future<RecordMetadata>> sent = new ArrayList<>(submitted.size());
        List<Queued> queued = new ArrayList<>(submitted.size());
        for (int i = 0; i < submitted.size(); i++) {
            Declaration d = submitted.get(i);
            if (!queues(d, actor)) throw new IllegalArgumentException("a change without a declarant is not queued");
            String declarant = d.declarantId();
            if (declarant != null && actor.party() != null && !actor.party().equals(declarant)) {
                rejections.rejected(i, List.of(new Violation("parties[DECLARANT].id", "DECLARANT_NOT_YOU",
                        "The declarant must be your own party " + actor.party())));
                continue;
            }
            if (isChange(d)) {
                // an amendment or cancellation: applied by a worker to the declaration it references (which may still
                // be queued before it, same key); the amended declaration is validated there. Its id is a submission id.
                String id = "CH-" + java.util.UUID.randomUUID();
                IntakeMessage m = IntakeMessage.of(id, actor, d, clock.instant());
                sent.add(producer.send(new ProducerRecord<>(settings.intakeTopic(), m.key(), codec.write(m))));
                Queued q = new Queued(id, d.lrn(), m.key(), statusUrl(id));
                queued.add(q);
                accepted.add(new Accepted(Optional.empty(), Optional.of(q)));
                continue;
            }
            // dated on acceptance (UCC art. 172): the date this node accepted it, as the single-node intake does
            Declaration dated = d.declarationDate() == null ? d.withDeclarationDate(LocalDate.now(clock)) : d;
            List<Violation> violations = validator.validate(dated);
            if (!violations.isEmpty()) {
                rejections.rejected(i, violations);
                continue;
            }
            Optional<String> stored = intake.store().findIdByLrn(dated.declarantId(), dated.lrn());
            if (stored.isPresent()) {
                Optional<StoredDeclaration> s = intake.store().find(stored.get());
                if (s.isPresent()) {
                    accepted.add(new Accepted(Optional.of(new IntakeResult(s.get(), false)), Optional.empty()));
                    continue;
                }
            }
            String id = intake.allocateId();
            IntakeMessage m = IntakeMessage.of(id, actor, dated, clock.instant());
            sent.add(producer.send(new ProducerRecord<>(settings.intakeTopic(), m.key(), codec.write(m))));
            Queued q = new Queued(id, dated.lrn(), dated.declarantId(), statusUrl(id));
            queued.add(q);
            accepted.add(new Accepted(Optional.empty(), Optional.of(q)));
        }
        await(sent);
        for (Queued q : queued) pending.put(q.id(), q);
        return accepted;
    }

    /** Appends one record to the intake topic and returns once Kafka has it ({@link IntakeLogUnavailableException} if not). */
    void sendAndAwait(ProducerRecord<String, byte[]> record) {
        await(List.of(producer.send(record)));
    }

    private void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IntakeLogUnavailableException("the intake log did not take the submission: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeLogUnavailableException("interrupted while queueing the submission", e);
        }
    }

    /** A submission this node queued that no decision has been seen for yet. */
    Optional<Queued> pending(String id) {
        return Optional.ofNullable(pending.getIfPresent(id));
    }

    void decided(String id) {
        pending.invalidate(id);
    }

    static String statusUrl(String id) {
        return "/api/v1/intake/" + id;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

    /** Kafka did not acknowledge a submission in time: nothing was promised to the client (503). */
    public static final class IntakeLogUnavailableException extends RuntimeException {
        IntakeLogUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
