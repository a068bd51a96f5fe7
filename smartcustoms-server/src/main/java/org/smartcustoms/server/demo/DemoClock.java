package org.smartcustoms.server.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Random;

/**
 * The server's clock in demo mode: the system clock, except while the demo loader replays a year of history. The
 * loader then sets a simulated instant, and every read of the clock advances it by a few seconds (the time the
 * systems and people take between two recorded steps), so that status history, audit entries, notifications and
 * inspection results carry believable past times. The loader hands the clock back to the system before the server
 * accepts requests; from then on it is exactly the system clock.
 */
public final class DemoClock extends Clock {
    private final Clock system;
    private final Random step = new Random(7);
    private volatile Instant simulated;
    private volatile Duration maxStep = Duration.ZERO;

    public DemoClock(Clock system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    /** Replays time from {@code at}; every read then moves it forward by up to {@code maxStep} (at least one millisecond). */
    public synchronized void simulate(Instant at, Duration maxStep) {
        if (at.isAfter(system.instant())) throw new IllegalArgumentException("simulated time must not be in the future: " + at);
        this.maxStep = maxStep;
        this.simulated = at;
    }

    /** Back to the system clock. */
    public synchronized void stopSimulating() {
        simulated = null;
    }

    public boolean simulating() {
        return simulated != null;
    }

    @Override
    public synchronized Instant instant() {
        Instant at = simulated;
        if (at == null) return system.instant();
        long maxMs = Math.max(1, maxStep.toMillis());
        Instant next = at.plusMillis(1 + (long) (step.nextDouble() * maxMs));
        Instant now = system.instant();
        simulated = next.isAfter(now) ? now : next; // never runs past the real time
        return at;
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(getZone())) return this;
        DemoClock self = this;
        return new Clock() {
            @Override public Instant instant() { return self.instant(); }
            @Override public ZoneId getZone() { return zone; }
            @Override public Clock withZone(ZoneId z) { return self.withZone(z); }
        };
    }
}
