package org.smartcustoms.tariff;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of a pure function over immutable tariff data, kept for the next caller (bulk intake asks about the same
 * few thousand codes again and again). Bounded: when it holds {@code max} answers it starts again from empty.
 */
final class Memo<K, V> {
    private final ConcurrentHashMap<K, V> answers = new ConcurrentHashMap<>();
    private final int max;

    Memo(int max) {
        if (max < 1) throw new IllegalArgumentException("max must be positive");
        this.max = max;
    }

    /** The answer for {@code key}, computed by {@code compute} (which must not return null) unless known. */
    V get(K key, Function<K, V> compute) {
        V found = answers.get(key);
        if (found != null) return found;
        found = compute.apply(key);
        if (answers.size() >= max) answers.clear();
        answers.put(key, found);
        return found;
    }
}
