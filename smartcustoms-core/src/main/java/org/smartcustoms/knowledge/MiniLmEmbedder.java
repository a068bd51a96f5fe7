package org.smartcustoms.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions) running in-process on ONNX Runtime. The model and its tokenizer are
 * inside the Maven artifact: nothing is downloaded. One shared instance per JVM (the model takes ~25 MB). A symmetric
 * model: queries and passages are embedded alike (BGE-small-en-v1.5 and E5-small-v2, which prefix one or both, were
 * measured and dropped: docs/knowledge.md).
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private static volatile MiniLmEmbedder shared;
    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private volatile Set<String> knownWords;

    private MiniLmEmbedder() { }

    public static MiniLmEmbedder shared() {
        MiniLmEmbedder s = shared;
        if (s == null) {
            synchronized (MiniLmEmbedder.class) {
                if (shared == null) shared = new MiniLmEmbedder();
                s = shared;
            }
        }
        return s;
    }

    @Override
    public float[] embed(String text, Kind kind) {
        String t = text == null || text.isBlank() ? "-" : text;
        return TextEmbedder.normalize(model.embed(t).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Kind kind) {
        if (texts.isEmpty()) return List.of();
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t == null || t.isBlank() ? "-" : t)).toList();
        return model.embedAll(segments).content().stream().map(e -> TextEmbedder.normalize(e.vector())).toList();
    }

    /** The whole words (no "##" pieces, letters only) of the model's WordPiece vocabulary, read from the jar once. */
    @Override
    public Set<String> knownWords() {
        Set<String> k = knownWords;
        if (k == null) {
            try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
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
    public String modelName() { return "all-minilm-l6-v2-q"; }
}
