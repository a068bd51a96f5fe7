package org.smartcustoms.server.travel;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** A fixed one-minute window per client address on the public traveller endpoints (429 beyond the limit). */
@Component
class PublicRateLimit {
    private final TravelSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long window = -1;

    PublicRateLimit(TravelSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Forgets every client's count of the current window (tests that each start with a full allowance). */
    void reset() {
        counts.clear();
    }

    void check(String client) {
        long minute = clock.millis() / 60_000;
        if (minute != window) {
            synchronized (this) {
                if (minute != window) {
                    counts.clear();
                    window = minute;
                }
            }
        }
        if (counts.size() > 100_000) counts.clear();
        int n = counts.computeIfAbsent(client == null ? "?" : client, k -> new AtomicInteger()).incrementAndGet();
        if (n > settings.publicRequestsPerMinute) {
            throw new TravelExceptions.TooMany("too many requests from this client; try again in a minute");
        }
    }
}
