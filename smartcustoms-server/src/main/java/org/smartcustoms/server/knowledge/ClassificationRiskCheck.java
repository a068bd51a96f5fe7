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
 * description. Bulk scoring ({@link org.smartcustoms.server.risk.ScoringLoad}: batch imports and uploads) never classifies
 * inline: a new description met there is classified in the background. Cached: at most {@code smartcustoms.knowledge.risk-cache-size} descriptions, each for 10 minutes so
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
        String key = cacheKey(description);
        if (key == null) return Optional.empty();
        if (key.length() > ClassificationService.MAX_DESCRIPTION) key = key.substring(0, ClassificationService.MAX_DESCRIPTION);
        Optional<HsSuggestion> top = cache.getIfPresent(key);
        if (top == null) {
            // a new description: classify it here if no other scoring thread is doing so and this is not bulk
            // scoring (an import of 100,000 rows must not wait for an embedding per new description), else later in
            // the background
            if (org.smartcustoms.server.risk.ScoringLoad.isBulk() || !inline.tryAcquire()) {
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
        String declared = digits(declaredHs);
        String declaredText = declared.length() >= 6 ? c.node(declared.substring(0, 6)).map(HsNode::description).orElse("") : "";
        return Optional.of(new Opinion(s.hs6(), s.description(), s.confidence(), declaredText));
    }

    /**
     * The description lower-cased with every run of whitespace or control/format characters made one space, stripped;
     * null when it has no letter. A loop, not a regular expression: it runs for every item scored.
     */
    static String cacheKey(String description) {
        StringBuilder b = new StringBuilder(description.length());
        boolean space = false;
        boolean letter = false;
        for (int i = 0; i < description.length(); ) {
            int cp = description.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL || type == Character.FORMAT) {
                space = b.length() > 0;
                continue;
            }
            if (space) b.append(' ');
            space = false;
            letter |= Character.isLetter(cp);
            b.appendCodePoint(cp);
        }
        return letter ? b.toString().toLowerCase(Locale.ROOT) : null;
    }

    private static String digits(String code) {
        if (code == null) return "";
        StringBuilder b = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch >= '0' && ch <= '9') b.append(ch);
        }
        return b.toString();
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
