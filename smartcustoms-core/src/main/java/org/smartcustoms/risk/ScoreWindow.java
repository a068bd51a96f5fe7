package org.smartcustoms.risk;

/**
 * Sliding window of the last scores kept as a ring plus a 101-bucket histogram, so the channel limits for a
 * target inspection rate are quantiles computed in constant time.
 */
final class ScoreWindow {
    private final int[] ring;
    private final int[] histogram = new int[101];
    private int next;
    private int size;

    ScoreWindow(int capacity) {
        ring = new int[capacity];
    }

    synchronized void add(int score) {
        if (size == ring.length) histogram[ring[next]]--;
        else size++;
        ring[next] = score;
        histogram[score]++;
        next = (next + 1) % ring.length;
    }

    synchronized int size() {
        return size;
    }

    /**
     * The lowest score limit such that at most {@code rate} of the window scores at or above it (101 when
     * even the top bucket alone exceeds the rate).
     */
    synchronized int limitForRate(double rate) {
        double allowed = rate * size;
        int cumulative = 0;
        for (int s = 100; s >= 0; s--) {
            if (cumulative + histogram[s] > allowed) return s + 1;
            cumulative += histogram[s];
        }
        return 0;
    }
}
