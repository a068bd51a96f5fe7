package org.smartcustoms.server.ops;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.smartcustoms.risk.Channel;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's own meters, published with the JVM, HTTP and connection-pool (Hikari) ones at
 * {@code /actuator/prometheus} (administrators only). Names as Prometheus shows them:
 * <ul>
 * <li>{@code smartcustoms_intake_submissions_seconds{outcome}}: single submissions over HTTP
 * ({@code POST /api/v1/declarations}), from the request's arrival to the answer, with histogram buckets for
 * percentiles; {@code outcome} is {@link SubmissionOutcome} ({@code created}, {@code existing}, {@code rejected},
 * {@code refused}, {@code error}); {@code _count} is the intake rate.</li>
 * <li>{@code smartcustoms_declarations_total{outcome="accepted"|"rejected", path="single"|"batch"}}: declarations
 * accepted (new or already stored) or rejected.</li>
 * <li>{@code smartcustoms_risk_decisions_total{channel}}: risk decisions per channel (GREEN, YELLOW, RED) on every
 * path that scores (HTTP, batch, import, amendments, reclassifications).</li>
 * <li>{@code smartcustoms_risk_scoring_seconds}: time of one risk assessment (rules, watch lists, model), with
 * histogram buckets.</li>
 * <li>{@code smartcustoms_intake_in_flight}: single submissions being served now.</li>
 * <li>{@code smartcustoms_worklist_declarations{channel}}: declarations under control per channel in force (the
 * officers' worklist); {@code smartcustoms_declarations_unrouted}: accepted but not yet released or under control.
 * Read from the database (one grouped count) when scraped.</li>
 * </ul>
 */
@Component
public class OperationsMetrics {
    /** What came of one single submission, from the HTTP status of its answer. */
    public enum SubmissionOutcome {
        /** 201: a new declaration. */
        CREATED,
        /** 200: the declarant's LRN was already stored (idempotent re-submission), or an amendment/cancellation applied. */
        EXISTING,
        /** Any other 4xx but 401/403: invalid, unreadable, too large, unknown reference, conflict. */
        REJECTED,
        /** 401/403: no valid token or a role that may not submit. */
        REFUSED,
        /** 5xx. */
        ERROR;

        public static SubmissionOutcome ofStatus(int status) {
            if (status == 201) return CREATED;
            if (status >= 200 && status < 300) return EXISTING;
            if (status == 401 || status == 403) return REFUSED;
            if (status >= 400 && status < 500) return REJECTED;
            return ERROR;
        }

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<SubmissionOutcome, Timer> submissions = new EnumMap<>(SubmissionOutcome.class);
    private final Counter singleAccepted, singleRejected, batchAccepted, batchRejected;
    private final Map<Channel, Counter> decisions = new EnumMap<>(Channel.class);
    private final Timer scoring;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    public OperationsMetrics(MeterRegistry registry, QueueDepthStore queues) {
        for (SubmissionOutcome o : SubmissionOutcome.values()) {
            submissions.put(o, Timer.builder("smartcustoms.intake.submissions")
                    .description("Single declaration submissions over HTTP, arrival to answer")
                    .tag("outcome", o.tag())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        singleAccepted = declarations(registry, "accepted", "single");
        singleRejected = declarations(registry, "rejected", "single");
        batchAccepted = declarations(registry, "accepted", "batch");
        batchRejected = declarations(registry, "rejected", "batch");
        for (Channel c : Channel.values()) {
            decisions.put(c, Counter.builder("smartcustoms.risk.decisions").description("Risk decisions per channel")
                    .tag("channel", c.name()).register(registry));
        }
        scoring = Timer.builder("smartcustoms.risk.scoring").description("One risk assessment: rules, watch lists and model")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        for (Channel c : Channel.values()) {
            Gauge.builder("smartcustoms.worklist.declarations", queues, q -> q.read().underControl(c.name()))
                    .description("Declarations under control (the officers' worklist) per channel in force")
                    .tag("channel", c.name()).register(registry);
        }
        Gauge.builder("smartcustoms.intake.in.flight", inFlight, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Single submissions being served now").register(registry);
        Gauge.builder("smartcustoms.declarations.unrouted", queues, q -> q.read().unrouted())
                .description("Declarations accepted but not yet released or put under control").register(registry);
    }

    private static Counter declarations(MeterRegistry registry, String outcome, String path) {
        return Counter.builder("smartcustoms.declarations").description("Declarations accepted or rejected at intake")
                .tag("outcome", outcome).tag("path", path).register(registry);
    }

    /** A single submission arrived; {@link #submission} follows when it is answered. */
    public void submissionStarted() {
        inFlight.incrementAndGet();
    }

    /** Single submissions being served now (arrived, not yet answered). */
    public int submissionsInFlight() {
        return inFlight.get();
    }

    /** A single submission answered with {@code status} after {@code nanos}. */
    public void submission(int status, long nanos) {
        inFlight.decrementAndGet();
        SubmissionOutcome o = SubmissionOutcome.ofStatus(status);
        submissions.get(o).record(nanos, TimeUnit.NANOSECONDS);
        if (o == SubmissionOutcome.CREATED || o == SubmissionOutcome.EXISTING) singleAccepted.increment();
        else if (o == SubmissionOutcome.REJECTED) singleRejected.increment();
    }

    /** Rows of a batch (POST /declarations/batch, bulk import, manifests) accepted and rejected. */
    public void batchRows(long accepted, long rejected) {
        if (accepted < 0 || rejected < 0) throw new IllegalArgumentException("row counts must not be negative");
        batchAccepted.increment(accepted);
        batchRejected.increment(rejected);
    }

    /** One risk assessment that decided {@code channel} in {@code nanos}. */
    public void riskDecision(Channel channel, long nanos) {
        decisions.get(channel).increment();
        scoring.record(nanos, TimeUnit.NANOSECONDS);
    }
}
