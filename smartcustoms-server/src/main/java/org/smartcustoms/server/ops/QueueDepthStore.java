package org.smartcustoms.server.ops;

import java.util.Map;

/** How much work waits, read from the store for the operations gauges. */
public interface QueueDepthStore {
    /** Declarations per status and channel that still wait for someone (or something): not released, cleared or closed. */
    QueueDepths read();

    /**
     * Declarations under control per channel in force (the officers' worklist: {@code YELLOW}, {@code RED}, and
     * {@code GREEN} for a green one held because its assessment is incomplete), and declarations accepted but not yet
     * routed (submitted, accepted or risk-assessed; normally only while their intake transaction runs).
     */
    record QueueDepths(Map<String, Long> underControlByChannel, long unrouted) {
        public QueueDepths {
            underControlByChannel = Map.copyOf(underControlByChannel);
            if (unrouted < 0) throw new IllegalArgumentException("unrouted must not be negative");
        }

        public long underControl(String channel) {
            return underControlByChannel.getOrDefault(channel, 0L);
        }
    }
}
