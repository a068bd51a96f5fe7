package org.smartcustoms.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock of every API test context (the primary {@link Clock} bean, see {@link ApiTest}): the system clock (UTC)
 * unless a test moves it. {@link #advance} stops it and moves it forward; {@link #reset} gives the system time back.
 * A test that moves it must reset it when it ends, since the context is shared. Time never goes back while it is
 * moved: a later {@link #advance} starts from the latest instant it was moved to, so lockouts and expiries that an
 * earlier test left behind are over.
 */
public final class TestClock extends Clock {
    private Instant moved;
    private Instant latest = Instant.MIN;

    @Override
    public synchronized Instant instant() {
        return moved != null ? moved : CoreBeans.systemClock().instant();
    }

    /** Stops the clock (at the later of now and the latest instant it was moved to) and moves it forward by {@code d}. */
    public synchronized void advance(Duration d) {
        if (moved == null) {
            Instant now = CoreBeans.systemClock().instant().truncatedTo(ChronoUnit.SECONDS);
            moved = now.isAfter(latest) ? now : latest;
        }
        moved = moved.plus(d);
        latest = moved;
    }

    /** Back to the system clock. */
    public synchronized void reset() {
        moved = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Imported by {@link ApiTest}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
