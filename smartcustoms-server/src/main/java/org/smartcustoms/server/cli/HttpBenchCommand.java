package org.smartcustoms.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Open-model HTTP load: single JSON submissions ({@code POST /api/v1/declarations}) sent at a fixed rate whatever the
 * server does, each timed from the moment it was <em>scheduled</em> to be sent to its answer. A server that falls
 * behind therefore shows its queueing in the latencies (a closed loop, one request after another, would wait for it
 * and hide it: coordinated omission). Without {@code --url} the command starts the server on the configured
 * database on a free loopback port and issues itself an administrator token.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = {"Open-model load: single JSON submissions at a fixed rate over HTTP, latency measured from the intended send time.",
                "Without --url it starts the server on the configured database (H2 under --data-dir, or SMARTCUSTOMS_DB_URL) on loopback.",
                "Last line: {..., \"rate\": R, \"p50_ms\": a, \"p99_ms\": b, \"errors\": e}"})
class HttpBenchCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--url", description = "A running server, e.g. http://127.0.0.1:8080 (default: start one on the configured database).")
    String url;

    @Option(names = "--token", description = "API token of an ADMIN or TRADER whose party is the declarant (with --url; default SMARTCUSTOMS_TOKEN). "
            + "The generated declarations name several declarants, so use an ADMIN token.")
    String token;

    @Option(names = "--rate", defaultValue = "500", description = "Requests per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds at the same rate before measuring, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-from", description = "Rate at which the warm-up starts, rising linearly to --rate by its end "
            + "(default: --rate, no ramp). A cold JVM on few cores needs a ramp to compile its hot paths before full load.")
    Integer warmupFrom;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds from when a request is due until it must be answered, else it counts as an error (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--connections", defaultValue = "64", description = "Most requests in flight at once, as a fixed set of client "
            + "connections would allow (default ${DEFAULT-VALUE}); a request due while all are busy waits, and its latency still counts from when it was due.")
    int connections;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed of the generated declarations (default ${DEFAULT-VALUE}); LRNs are unique per run.")
    long seed;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000) throw new CliFailure("--rate must be between 1 and 100000", null);
        if (connections < 1 || connections > 10_000) throw new CliFailure("--connections must be between 1 and 10000", null);
        if (duration < 1 || warmup < 0 || timeout < 1) throw new CliFailure("--duration and --timeout must be positive, --warmup not negative", null);
        if (warmupFrom != null && (warmupFrom < 1 || warmupFrom > rate)) throw new CliFailure("--warmup-from must be between 1 and --rate", null);
        if ((long) rate * (warmup + duration) > 5_000_000) throw new CliFailure("rate x (warmup + duration) must be at most 5,000,000 requests", null);
        long[] schedule = schedule(warmupFrom == null ? rate : warmupFrom, rate, warmup, duration);
        int warm = schedule.length - rate * duration;
        say("Generating " + schedule.length + " declarations...");
        List<byte[]> bodies = bodies(schedule.length);
        if (url != null) {
            String t = token != null ? token : CliEnvironment.get().token();
            if (t == null || t.isBlank()) throw new CliFailure("with --url give --token or set SMARTCUSTOMS_TOKEN (an ADMIN token)", null);
            say("Loading the server at " + url + " (its database is not known here: \"db\": \"unknown\")");
            return run(URI.create(url.replaceAll("/+$", "") + "/api/v1/declarations"), t, bodies, schedule, warm, "unknown");
        }
        List<String> args = options.springArgs();
        args.add("--server.port=0");
        args.add("--server.address=127.0.0.1");
        args.add("--logging.level.root=WARN");
        args.add("--spring.main.banner-mode=off");
        say("Starting the server...");
        try (ConfigurableApplicationContext ctx = SmartCustomsApplication.start(args.toArray(String[]::new))) {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String db = ctx.getEnvironment().getProperty("spring.datasource.url", "?");
            UserDirectory users = ctx.getBean(UserDirectory.class);
            UserAccount admin = users.create("bench-http-" + runId(), null, Role.ADMIN, null);
            String t = users.issueToken(admin.id(), "bench http");
            return run(URI.create("http://127.0.0.1:" + port + "/api/v1/declarations"), t, bodies, schedule, warm,
                    db.startsWith("jdbc:h2") ? "h2" : db.startsWith("jdbc:postgresql") ? "postgresql" : "other");
        }
    }

    /** Generated declarations as JSON bodies, each with an LRN of its own in this run (so every one is a new declaration). */
    private List<byte[]> bodies(int n) {
        List<GeneratedDeclaration> world = new DemoWorldGenerator(LocalDate.now(CliEnvironment.get().clock()), 365, null).generate(n, seed);
        DeclarationJson writer = new DeclarationJson();
        String run = runId();
        List<byte[]> out = new ArrayList<>(n);
        int i = 0;
        for (GeneratedDeclaration g : world) {
            String body = new String(writer.write(g.declaration()), StandardCharsets.UTF_8);
            String lrn = "\"lrn\":\"" + g.declaration().lrn() + "\"";
            if (!body.contains(lrn)) throw new IllegalStateException("generated JSON without its LRN");
            out.add(body.replace(lrn, "\"lrn\":\"H" + run + "-" + i++ + "\"").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String runId() {
        return Long.toString(new SecureRandom().nextLong() & 0xFFFFFFFFFFL, 36).toUpperCase(Locale.ROOT);
    }

    /**
     * When each request is due, in nanoseconds from the start: the warm-up rising linearly from {@code from} to
     * {@code rate} requests/s over {@code warmup} seconds (each gap is 1 / the rate at that moment), then exactly
     * {@code rate x duration} requests at the fixed rate.
     */
    static long[] schedule(int from, int rate, int warmup, int duration) {
        long[] out = new long[(int) ((long) (from + rate) * warmup / 2 + rate + (long) rate * duration + 16)];
        int n = 0;
        double t = 0;
        if (from == rate) {
            for (long k = 0; k < (long) rate * warmup; k++) out[n++] = Math.round(k * 1e9 / rate);
            t = warmup;
        } else {
            while (t < warmup) {
                out[n++] = Math.round(t * 1e9);
                t += 1.0 / (from + (rate - from) * t / warmup);
            }
        }
        for (long k = 0; k < (long) rate * duration; k++) out[n++] = Math.round((t + k / (double) rate) * 1e9);
        return Arrays.copyOf(out, n);
    }

    private int run(URI target, String bearer, List<byte[]> bodies, long[] schedule, int warm, String where) throws InterruptedException {
        int n = bodies.size();
        int measured = n - warm;
        ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r, "bench-http-client");
            th.setDaemon(true);
            return th;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] latency = new long[measured];
        Arrays.fill(latency, -1);
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        LongAdder created = new LongAdder(), existing = new LongAdder();
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(connections);
        say("Sending " + rate + " requests/s over at most " + connections + " connections to " + (url != null ? url : "the server on " + where) + ": " + warmup + " s warm-up"
                + (warmupFrom != null && warmupFrom != rate ? " rising from " + warmupFrom + "/s" : "") + ", then " + duration + " s measured...");
        long start = System.nanoTime() + 50_000_000L;
        long lateSends = 0;
        for (int i = 0; i < n; i++) {
            final int index = i;
            final long intended = start + schedule[i]; // the schedule, not when we got round to it
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            // all connections busy: this request waits, and its wait counts in its latency; one that could not be sent
            // within --timeout of when it was due fails as a time-out (so the run ends at schedule + time-out)
            long remaining = intended + TimeUnit.SECONDS.toNanos(timeout) - System.nanoTime();
            if (remaining <= 0 || !slots.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                failures.computeIfAbsent("not sent within the time-out (all connections busy)", k -> new LongAdder()).increment();
                if (index >= warm) latency[index - warm] = -2;
                done.incrementAndGet();
                continue;
            }
            if (System.nanoTime() - intended > 1_000_000L) lateSends++;
            // --timeout counts from when the request was due, like its latency
            long left = Math.max(1_000_000L, intended + TimeUnit.SECONDS.toNanos(timeout) - System.nanoTime());
            HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofNanos(left))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
            CompletableFuture<HttpResponse<String>> f = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            f.whenComplete((r, e) -> {
                long dt = System.nanoTime() - intended;
                if (e != null) {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    // HttpConnectTimeoutException too: the request's own time-out ran out while it connected
                    String what = cause instanceof java.net.http.HttpTimeoutException ? "no answer within the time-out"
                            : cause.getClass().getSimpleName();
                    failures.computeIfAbsent(what, k -> new LongAdder()).increment();
                } else if (r.statusCode() == 201) {
                    created.increment();
                } else if (r.statusCode() == 200) {
                    existing.increment();
                } else {
                    failures.computeIfAbsent("HTTP " + r.statusCode(), k -> new LongAdder()).increment();
                }
                if (index >= warm) latency[index - warm] = e == null && r.statusCode() / 100 == 2 ? dt : -2;
                slots.release();
                done.incrementAndGet();
            });
        }
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + TimeUnit.SECONDS.toNanos(timeout + 5);
        while (done.get() < n && System.nanoTime() < deadline) Thread.sleep(10);
        int unanswered = n - done.get();
        if (unanswered > 0) failures.computeIfAbsent("unanswered", k -> new LongAdder()).add(unanswered);
        double sendSeconds = (sendEnd - start) / 1e9;
        long errors = failures.values().stream().mapToLong(LongAdder::sum).sum();
        long measuredErrors = Arrays.stream(latency).filter(l -> l < 0).count();
        long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        if (!json) {
            System.out.printf("%d requests sent in %.1f s (%.1f/s; %d sent more than 1 ms after they were due, e.g. waiting for one of the connections), %d created, %d already stored, errors %s%n",
                    n, sendSeconds, n / sendSeconds, lateSends, created.sum(), existing.sum(), failed);
            System.out.printf("measured %d: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    ok.length, pct(ok, 0.50), pct(ok, 0.90), pct(ok, 0.99), pct(ok, 0.999), ok.length == 0 ? Double.NaN : ok[ok.length - 1] / 1e6);
        }
        http.shutdownNow();
        callbacks.shutdownNow();
        System.out.printf(Locale.ROOT, "{\"bench\": \"http\", \"db\": \"%s\", \"duration_s\": %d, \"warmup_s\": %d, \"warmup_from\": %d, \"requests\": %d, "
                        + "\"p90_ms\": %s, \"p999_ms\": %s, \"max_ms\": %s, \"errors_measured\": %d, "
                        + "\"rate\": %d, \"p50_ms\": %s, \"p99_ms\": %s, \"errors\": %d}%n",
                where, duration, warmup, warmupFrom == null ? rate : warmupFrom, measured, ms(pct(ok, 0.90)), ms(pct(ok, 0.999)), ms(ok.length == 0 ? Double.NaN : ok[ok.length - 1] / 1e6),
                measuredErrors, rate, ms(pct(ok, 0.50)), ms(pct(ok, 0.99)), errors);
        return 0;
    }

    /** Milliseconds with two decimals, or null when nothing was answered (JSON has no NaN). */
    private static String ms(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The q-quantile of sorted nanosecond latencies, in milliseconds (nearest rank). */
    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private void say(String line) {
        if (!json) System.out.println(line);
    }
}
