package org.smartcustoms.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns text into a unit-length vector; cosine similarity is then a dot product. Implementations are thread-safe.
 *
 * <p>Retrieval models embed a search query and the passage it should find differently (an instruction or a prefix
 * on one side): {@link Kind#QUERY} is a text someone asks or describes (a goods description, a visitor's question,
 * and what is compared with them as an equal: a past declaration's description, a knowledge-base question),
 * {@link Kind#PASSAGE} a text to be found (a nomenclature text, an answer). Texts of the same kind are compared
 * with each other symmetrically.
 */
public interface TextEmbedder {
    enum Kind { QUERY, PASSAGE }

    float[] embed(String text, Kind kind);

    default List<float[]> embedAll(List<String> texts, Kind kind) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(embed(t, kind));
        return out;
    }

    /**
     * Whole words the model knows (lower case), e.g. a WordPiece vocabulary: a general dictionary that tells a typo
     * from a real word. Empty when the model has none.
     */
    default Set<String> knownWords() { return Set.of(); }

    /** Stable name of the model and of how it is fed (prefixes), used to key cached vectors. */
    String modelName();

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return v;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
        return out;
    }
}
