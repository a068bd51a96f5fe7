package org.smartcustoms.server.knowledge;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.knowledge.HsClassifier;
import org.smartcustoms.knowledge.HsSuggestion;
import org.smartcustoms.knowledge.LearnedExample;
import org.smartcustoms.knowledge.MiniLmEmbedder;
import org.smartcustoms.server.audit.AuditEntry;
import org.smartcustoms.server.audit.AuditLog;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.PreDestroy;

/**
 * The HS classification assistant of the server: loads the classifier in the background at start (nomenclature
 * vectors cached under {@code smartcustoms.knowledge.cache-dir}) and keeps learning while running from released
 * declarations (description + final code) and officers' reclassifications (audit entries ITEM_RECLASSIFIED),
 * polled every {@code smartcustoms.knowledge.learn-interval-seconds}.
 */
@Service
public class ClassificationService {
    public static final int MAX_DESCRIPTION = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ClassificationService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeclarationStore declarations;
    private final AuditLog auditLog;
    private final JdbcLearningSource source;
    private final Path cacheDir;
    private final long intervalSeconds;
    private final boolean preload;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<HsClassifier> classifier = new CompletableFuture<>();
    private ScheduledExecutorService scheduler;
    private Instant learnedUpTo = Instant.EPOCH;
    private long reclassifiedUpTo = 0;

    ClassificationService(DeclarationStore declarations, AuditLog auditLog, JdbcLearningSource source,
                          @Value("${smartcustoms.knowledge.cache-dir:${SMARTCUSTOMS_KNOWLEDGE_CACHE:${java.io.tmpdir}/smartcustoms-knowledge}}") String cacheDir,
                          @Value("${smartcustoms.knowledge.learn-interval-seconds:30}") long intervalSeconds,
                          @Value("${smartcustoms.knowledge.preload:${smartcustoms.demo.enabled:false}}") boolean preload) {
        this.preload = preload;
        this.declarations = declarations;
        this.auditLog = auditLog;
        this.source = source;
        this.cacheDir = Path.of(cacheDir);
        this.intervalSeconds = intervalSeconds;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (preload) start();
    }

    /** Starts loading the classifier (once) and then learning; the first classification calls it when not preloaded. */
    void start() {
        if (!started.compareAndSet(false, true)) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hs-classifier");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(() -> {
            try {
                classifier.complete(HsClassifier.load(MiniLmEmbedder.shared(), cacheDir));
                log.info("HS classifier ready");
            } catch (RuntimeException | Error e) {
                log.error("HS classifier could not be loaded", e);
                classifier.completeExceptionally(e);
            }
        });
        if (intervalSeconds > 0) scheduler.scheduleWithFixedDelay(this::learnQuietly, 1, intervalSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    /** The classifier, waiting for it to load (503 if it is not ready within 60 s). */
    public HsClassifier classifier() {
        start();
        try {
            return classifier.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new KnowledgeExceptions.Unavailable("The classification assistant is still loading; try again in a minute.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnowledgeExceptions.Unavailable("The classification assistant is not available.");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new KnowledgeExceptions.Unavailable("The classification assistant is not available.");
        }
    }

    /** The classifier if it has finished loading, else empty (never waits, never starts loading). */
    public java.util.Optional<HsClassifier> readyClassifier() {
        return classifier.isDone() && !classifier.isCompletedExceptionally()
                ? java.util.Optional.of(classifier.join()) : java.util.Optional.empty();
    }

    public List<HsSuggestion> classify(String description, int limit) {
        if (description == null || description.isBlank()) throw new IllegalArgumentException("description is required");
        if (description.length() > MAX_DESCRIPTION) throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION + " characters");
        if (limit < 1 || limit > 10) throw new IllegalArgumentException("limit must be between 1 and 10");
        String d = description.replaceAll("[\\p{Cc}\\p{Cf}]", " ").strip();
        if (d.codePoints().noneMatch(Character::isLetter)) throw new IllegalArgumentException("description must contain words");
        return classifier().classify(d, limit);
    }

    private void learnQuietly() {
        try {
            learnNow();
        } catch (RuntimeException e) {
            log.warn("Learning from declarations failed: {}", e.getMessage());
        }
    }

    /** Learns from declarations released and items reclassified since the last call; returns how many examples were read. */
    public synchronized int learnNow() {
        HsClassifier c = classifier();
        List<LearnedExample> examples = new ArrayList<>();
        for (JdbcLearningSource.Released r : source.releasedSince(learnedUpTo, 2000)) {
            declarations.find(r.id()).ifPresent(d -> items(d, examples));
            learnedUpTo = r.updatedAt();
        }
        AuditLog.AuditPage page = auditLog.find(null, "ITEM_RECLASSIFIED", null, 0, 200);
        for (AuditEntry e : page.items()) {
            if (e.seq() <= reclassifiedUpTo) continue;
            try {
                JsonNode details = JSON.readTree(e.details());
                int seq = details.path("sequence").asInt();
                String to = details.path("to").asText("");
                declarations.find(e.subjectId()).flatMap(d -> d.declaration().items().stream().filter(i -> i.sequence() == seq).findFirst())
                        .filter(i -> i.description() != null && !i.description().isBlank() && to.length() >= 6)
                        .ifPresent(i -> examples.add(new LearnedExample(i.description(), to.substring(0, 6), LearnedExample.Source.RECLASSIFICATION)));
            } catch (Exception ex) {
                log.debug("Reclassification {} not learned: {}", e.seq(), ex.getMessage());
            }
        }
        page.items().stream().mapToLong(AuditEntry::seq).max().ifPresent(s -> reclassifiedUpTo = Math.max(reclassifiedUpTo, s));
        c.learnAll(examples);
        return examples.size();
    }

    private static void items(StoredDeclaration d, List<LearnedExample> out) {
        for (var item : d.declaration().items()) {
            String code = item.commodityCode() == null ? "" : item.commodityCode().replaceAll("\\D", "");
            if (item.description() != null && !item.description().isBlank() && code.length() >= 6) {
                out.add(new LearnedExample(item.description(), code.substring(0, 6), LearnedExample.Source.DECLARATION));
            }
        }
    }
}
