package org.smartcustoms.server.statistics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With the demo world ({@code smartcustoms.demo.enabled=true}): once the year of history is replayed (the demo
 * loader's phase 0), publishes the default trade tables if none exist, so the statistics page and
 * {@code statistics audit} have tables to show.
 */
@Component
@ConditionalOnProperty(name = "smartcustoms.demo.enabled", havingValue = "true")
class DemoStatisticsTables implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DemoStatisticsTables.class);
    private final StatisticsService statistics;
    private volatile boolean running;

    DemoStatisticsTables(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public void start() {
        try {
            if (statistics.all().isEmpty()) {
                for (var t : statistics.publishDefaults("demo-loader")) log.info("Published demo statistics table {} ({})", t.name(), t.id());
            }
        } finally {
            running = true;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
