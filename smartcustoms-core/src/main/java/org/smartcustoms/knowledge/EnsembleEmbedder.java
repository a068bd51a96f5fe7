package org.smartcustoms.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several embedding models as one: each model's unit vector, concatenated and scaled by 1/√n, so the dot product of
 * two ensemble vectors is the mean of the models' cosines. Thread-safe when its members are.
 */
public final class EnsembleEmbedder implements TextEmbedder {
    private final List<TextEmbedder> members;
    private final float scale;

    public EnsembleEmbedder(List<? extends TextEmbedder> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one model");
        this.members = List.copyOf(members);
        this.scale = (float) (1 / Math.sqrt(members.size()));
    }

    @Override
    public float[] embed(String text, Kind kind) {
        List<float[]> parts = new ArrayList<>(members.size());
        for (TextEmbedder m : members) parts.add(m.embed(text, kind));
        return concat(parts);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Kind kind) {
        List<List<float[]>> byModel = new ArrayList<>(members.size());
        for (TextEmbedder m : members) byModel.add(m.embedAll(texts, kind));
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            List<float[]> parts = new ArrayList<>(members.size());
            for (List<float[]> vs : byModel) parts.add(vs.get(i));
            out.add(concat(parts));
        }
        return out;
    }

    private float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            for (float x : p) out[at++] = x * scale;
        }
        return out;
    }

    @Override
    public Set<String> knownWords() {
        Set<String> all = new HashSet<>();
        for (TextEmbedder m : members) all.addAll(m.knownWords());
        return Set.copyOf(all);
    }

    @Override
    public String modelName() {
        return members.stream().map(TextEmbedder::modelName).collect(Collectors.joining("+"));
    }
}
