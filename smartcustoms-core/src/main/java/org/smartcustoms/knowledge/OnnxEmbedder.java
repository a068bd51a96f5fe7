package org.smartcustoms.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;

/**
 * A sentence-embedding model running in-process on ONNX Runtime. The model and its tokenizer are inside a Maven
 * artifact: nothing is downloaded. One shared instance per model and JVM.
 */
public final class OnnxEmbedder implements TextEmbedder {
    /** The models shipped, with the prefixes their model cards prescribe for queries and passages. */
    public enum Model {
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new, AllMiniLmL6V2QuantizedEmbeddingModel.class,
                "/all-minilm-l6-v2-q-tokenizer.json", "", ""),
        BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", BgeSmallEnV15QuantizedEmbeddingModel::new, BgeSmallEnV15QuantizedEmbeddingModel.class,
                "/bge-small-en-v1.5-q-tokenizer.json", "Represent this sentence for searching relevant passages: ", ""),
        E5_SMALL_V2_Q("e5-small-v2-q", E5SmallV2QuantizedEmbeddingModel::new, E5SmallV2QuantizedEmbeddingModel.class,
                "/e5-small-v2-q-tokenizer.json", "query: ", "passage: ");

        final String id;
        final Supplier<EmbeddingModel> factory;
        final Class<?> jarClass;
        final String tokenizer;
        final String queryPrefix;
        final String passagePrefix;

        Model(String id, Supplier<EmbeddingModel> factory, Class<?> jarClass, String tokenizer, String queryPrefix, String passagePrefix) {
            this.id = id;
            this.factory = factory;
            this.jarClass = jarClass;
            this.tokenizer = tokenizer;
            this.queryPrefix = queryPrefix;
            this.passagePrefix = passagePrefix;
        }
    }

    /** System property / environment variable naming the model (an {@link Model} name); default {@link #DEFAULT}. */
    public static final String MODEL_PROPERTY = "smartcustoms.knowledge.model";
    public static final Model DEFAULT = Model.ALL_MINILM_L6_V2_Q;
    private static final Map<Model, OnnxEmbedder> SHARED = new ConcurrentHashMap<>();

    private final Model spec;
    private final EmbeddingModel model;
    private volatile Set<String> knownWords;

    private OnnxEmbedder(Model spec) {
        this.spec = spec;
        this.model = spec.factory.get();
    }

    /** The model chosen by {@link #MODEL_PROPERTY} (or SMARTCUSTOMS_KNOWLEDGE_MODEL), else {@link #DEFAULT}. */
    public static TextEmbedder shared() {
        String name = System.getProperty(MODEL_PROPERTY, System.getenv("SMARTCUSTOMS_KNOWLEDGE_MODEL"));
        if (name == null || name.isBlank()) return shared(DEFAULT);
        List<OnnxEmbedder> ms = java.util.Arrays.stream(name.split("\\+"))
                .map(n -> shared(Model.valueOf(n.strip().toUpperCase(Locale.ROOT).replace('-', '_')))).toList();
        return ms.size() == 1 ? ms.get(0) : new EnsembleEmbedder(ms);
    }

    public static OnnxEmbedder shared(Model m) {
        return SHARED.computeIfAbsent(m, OnnxEmbedder::new);
    }

    private String prefixed(String text, Kind kind) {
        String t = text == null || text.isBlank() ? "-" : text;
        return (kind == Kind.QUERY ? spec.queryPrefix : spec.passagePrefix) + t;
    }

    @Override
    public float[] embed(String text, Kind kind) {
        return TextEmbedder.normalize(model.embed(prefixed(text, kind)).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Kind kind) {
        if (texts.isEmpty()) return List.of();
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(prefixed(t, kind))).toList();
        return model.embedAll(segments).content().stream().map(e -> TextEmbedder.normalize(e.vector())).toList();
    }

    /** The whole words (no "##" pieces, letters only) of the model's WordPiece vocabulary, read from the jar once. */
    @Override
    public Set<String> knownWords() {
        Set<String> k = knownWords;
        if (k == null) {
            try (InputStream in = spec.jarClass.getResourceAsStream(spec.tokenizer)) {
                if (in == null) return Set.of();
                Set<String> words = new HashSet<>();
                new ObjectMapper().readTree(in).path("model").path("vocab").fieldNames().forEachRemaining(w -> {
                    if (w.length() > 1 && w.chars().allMatch(Character::isLetter)) words.add(w);
                });
                k = Set.copyOf(words);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            knownWords = k;
        }
        return k;
    }

    @Override
    public String modelName() {
        return spec.passagePrefix.isEmpty() ? spec.id : spec.id + "-" + spec.passagePrefix.strip().replaceAll("\\W", "");
    }
}
