package org.smartcustoms.server.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.smartcustoms.knowledge.HsClassifier;
import org.smartcustoms.knowledge.HsNode;
import org.smartcustoms.knowledge.HsSuggestion;
import org.smartcustoms.risk.features.ClassificationCheck;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The HS classification assistant as the risk engine's {@link ClassificationCheck}: the top suggestion for an
 * item's description becomes the rule variables {@code suggested_hs6}, {@code classification_confidence},
 * {@code classification_distance} and, far from the declared code, a reason for the officer.
 *
 * <p>Cost on the scoring path: nothing until the classifier has loaded (no opinion meanwhile; scoring never waits
 * for it and never starts loading it); then a cache look-up per item. A description not seen before is classified
 * (an embedding: 10-90 ms of one core) inline by at most one scoring thread at a time; a scoring thread that finds
 * another one classifying skips the opinion for that item and leaves the description to one background thread, so
 * under load at most one core goes to classification and the signal shows from the next declaration with that
 * description. Cached: at most {@code smartcustoms.knowledge.risk-cache-size} descriptions, each for 10 minutes so
 * that what the classifier learns shows. {@code smartcustoms.knowledge.risk-signal=false}
 * switches it off.
 */
@Component
class ClassificationRiskCheck implements ClassificationCheck {
    private final ClassificationService classification;
    private final Cache<String, Optional<HsSuggestion>> cache;
    /** At most one scoring thread at a time classifies a new description inline (an embedding: one core for ~10-90 ms). */
    private final java.util.concurrent.Semaphore inline = new java.util.concurrent.Semaphore(1);
    /** New descriptions met while another thread classifies: one background thread, at most 1,000 waiting. */
    private final java.util.concurrent.ThreadPoolExecutor background = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
            TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "hs-risk-check");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());

    ClassificationRiskCheck(ClassificationService classification, RiskService risk,
                            @Value("${smartcustoms.knowledge.risk-signal:true}") boolean enabled,
                            @Value("${smartcustoms.knowledge.risk-cache-size:20000}") long cacheSize) {
        this.classification = classification;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(10, TimeUnit.MINUTES).build();
        if (enabled) risk.engine().useClassificationCheck(this);
    }

    @Override
    public Optional<Opinion> opinion(String description, String declaredHs) {
        Optional<HsClassifier> ready = classification.readyClassifier();
        if (ready.isEmpty() || description == null) return Optional.empty();
        HsClassifier c = ready.get();
        String key = description.replaceAll("[\\p{Cc}\\p{Cf}\\s]+", " ").strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.codePoints().noneMatch(Character::isLetter)) return Optional.empty();
        if (key.length() > ClassificationService.MAX_DESCRIPTION) key = key.substring(0, ClassificationService.MAX_DESCRIPTION);
        Optional<HsSuggestion> top = cache.getIfPresent(key);
        if (top == null) {
            // a new description: classify it here if no other scoring thread is doing so, else later in the background
            if (!inline.tryAcquire()) {
                warmUp(c, key);
                return Optional.empty();
            }
            try {
                top = classify(c, key);
            } finally {
                inline.release();
            }
        }
        if (top.isEmpty()) return Optional.empty();
        HsSuggestion s = top.get();
        String declared = declaredHs == null ? "" : declaredHs.replaceAll("\\D", "");
        String declaredText = declared.length() >= 6 ? c.node(declared.substring(0, 6)).map(HsNode::description).orElse("") : "";
        return Optional.of(new Opinion(s.hs6(), s.description(), s.confidence(), declaredText));
    }

    private Optional<HsSuggestion> classify(HsClassifier c, String key) {
        List<HsSuggestion> s = c.classify(key, 1);
        Optional<HsSuggestion> top = s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
        cache.put(key, top);
        return top;
    }

    /** Classifies a description in the background (dropped when the queue is full): later items with it find it cached. */
    private void warmUp(HsClassifier c, String key) {
        try {
            background.execute(() -> {
                if (cache.getIfPresent(key) == null) classify(c, key);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // queue full: the description is classified when it comes again
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() { background.shutdownNow(); }

    /** Descriptions whose top suggestion is cached (for tests and monitoring). */
    long cachedDescriptions() { return cache.estimatedSize(); }
}
