package org.smartcustoms.server.cli;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The open-model HTTP load of the {@code bench} commands: requests sent at fixed intended times whatever the server
 * does, each timed from the moment it was <em>scheduled</em> to be sent to its answer (no coordinated omission: a
 * server that falls behind shows its queueing in the latencies). At most {@code connections} requests are in flight;
 * a request due while all are busy waits, and its wait counts. Shared by {@code bench http} and {@code bench travel}.
 */
public final class OpenLoad {
    private OpenLoad() { }

    /**
     * When each request is due, in nanoseconds from the start: the warm-up rising linearly from {@code from} to
     * {@code rate} requests/s over {@code warmup} seconds (each gap is 1 / the rate at that moment), then exactly
     * {@code rate x duration} requests at the fixed rate.
     */
    public static long[] schedule(int from, int rate, int warmup, int duration) {
        return schedule(from, rate, warmup, warmup, duration);
    }

    /**
     * The same with a warm-up of {@code warmup} seconds whose first {@code ramp} seconds rise linearly from {@code from}
     * to {@code rate} requests/s and whose rest runs at {@code rate} (not measured either), then exactly
     * {@code rate x duration} requests at the fixed rate. {@code ramp} is at most {@code warmup}.
     */
    public static long[] schedule(int from, int rate, int ramp, int warmup, int duration) {
        if (ramp < 0 || ramp > warmup) throw new IllegalArgumentException("the ramp lasts 0 to " + warmup + " s, not " + ramp);
        long[] out = new long[(int) ((long) (from + rate) * ramp / 2 + (long) rate * (warmup - ramp) + 2L * rate + (long) rate * duration + 16)];
        int n = 0;
        double t = 0;
        if (from == rate || ramp == 0) {
            t = 0;
        } else {
            while (t < ramp) {
                out[n++] = Math.round(t * 1e9);
                t += 1.0 / (from + (rate - from) * t / ramp);
            }
        }
        double hold = t; // the ramp's last due time + one gap (or 0): the full rate from there to the warm-up's end
        long held = Math.max(0, Math.round((warmup - hold) * rate));
        for (long k = 0; k < held; k++) out[n++] = Math.round((hold + k / (double) rate) * 1e9);
        t = held > 0 ? hold + held / (double) rate : hold;
        for (long k = 0; k < (long) rate * duration; k++) out[n++] = Math.round((t + k / (double) rate) * 1e9);
        return Arrays.copyOf(out, n);
    }

    /**
     * What a run measured: the answered measured requests' latencies (sorted, ns), the failures by kind (warm-up
     * included), the answers by HTTP status (warm-up included), the requests sent more than 1 ms after they were due.
     */
    public record Result(int requests, int measured, long[] okLatencies, Map<String, Long> failures, Map<Integer, Long> statuses,
                         long lateSends, double sendSeconds, long measuredErrors, Cpu cpu) {
        public long errors() { return failures.values().stream().mapToLong(Long::longValue).sum(); }

        public long status(int code) { return statuses.getOrDefault(code, 0L); }

        /** The q-quantile of the answered measured requests, in milliseconds (nearest rank); NaN when none. */
        public double pct(double q) {
            if (okLatencies.length == 0) return Double.NaN;
            int i = (int) Math.ceil(q * okLatencies.length) - 1;
            return okLatencies[Math.max(0, Math.min(okLatencies.length - 1, i))] / 1e6;
        }

        public double maxMs() { return okLatencies.length == 0 ? Double.NaN : okLatencies[okLatencies.length - 1] / 1e6; }
    }

    /**
     * CPU seconds of this JVM over the measured part (from its first request to the last answer): all of its threads
     * ({@code process}) and those of the load generator among them ({@code load}: the sending thread and the HTTP
     * client's threads); NaN when the JVM does not tell. When the server runs in this JVM, {@code process - load} is
     * the server's CPU (and the JVM's: compiler, collector), the figure that does not depend on how busy the machine is.
     */
    public record Cpu(double process, double load, double compiler, double collector) {
        static final Cpu UNKNOWN = new Cpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** The server's CPU milliseconds per request ({@code process - load}) over {@code requests}. */
        public double serverMsPer(int requests) { return (process - load) * 1000 / requests; }

        public double loadMsPer(int requests) { return load * 1000 / requests; }

        /**
         * Of {@link #serverMsPer}: the JIT compiler's threads and the garbage collector's, in milliseconds per request
         * (NaN where {@code /proc/self/task} does not tell, i.e. not on Linux). The rest is the server's own threads.
         */
        public double compilerMsPer(int requests) { return compiler * 1000 / requests; }

        public double collectorMsPer(int requests) { return collector * 1000 / requests; }

        /**
         * The CPU used since {@code before}. The load generator's part is summed thread by thread: a thread that
         * ended in between (another run's client, say) drops out of both readings instead of being subtracted.
         */
        static Cpu since(Reading before) {
            Reading after = Reading.now();
            if (before == null || after == null) return UNKNOWN;
            long load = 0;
            for (Map.Entry<Long, Long> t : after.loadThreads().entrySet()) {
                load += Math.max(0, t.getValue() - before.loadThreads().getOrDefault(t.getKey(), 0L));
            }
            return new Cpu(after.process() - before.process(), load / 1e9,
                    after.compiler() - before.compiler(), after.collector() - before.collector());
        }

        /** CPU seconds of the JVM so far, and nanoseconds of each load-generator thread alive now, by thread id. */
        record Reading(double process, Map<Long, Long> loadThreads, double compiler, double collector) {
            /** Null when the JVM does not tell its process CPU time. */
            static Reading now() {
                if (!(java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) return null;
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                Map<Long, Long> load = new java.util.HashMap<>();
                load.put(Thread.currentThread().threadId(), threads.getCurrentThreadCpuTime());
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().startsWith("HttpClient-") || t.getName().startsWith("bench-http-client")) {
                        long c = threads.getThreadCpuTime(t.threadId());
                        if (c > 0) load.put(t.threadId(), c);
                    }
                }
                double[] vm = vmThreads();
                return new Reading(os.getProcessCpuTime() / 1e9, Map.copyOf(load), vm[0], vm[1]);
            }
        }

        /**
         * CPU seconds of the JVM's compiler threads and garbage-collector threads so far, from {@code /proc/self/task}
         * (thread names as the JVM sets them: C1/C2 CompilerThread; G1, ZGC, Parallel or Serial GC workers and
         * drivers); NaN, NaN when not readable. Threads that ended are not counted (the JVM keeps these running).
         */
        static double[] vmThreads() {
            java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
            if (!java.nio.file.Files.isDirectory(tasks)) return new double[] {Double.NaN, Double.NaN};
            long compiler = 0, collector = 0;
            try (var dirs = java.nio.file.Files.newDirectoryStream(tasks)) {
                for (java.nio.file.Path t : dirs) {
                    String stat;
                    try {
                        stat = java.nio.file.Files.readString(t.resolve("stat"));
                    } catch (java.io.IOException ended) {
                        continue;
                    }
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    if (open < 0 || close < open) continue;
                    String name = stat.substring(open + 1, close);
                    boolean jit = name.contains("CompilerThre");
                    boolean gc = !jit && (name.startsWith("ZWorker") || name.startsWith("ZDirector") || name.startsWith("ZDriver")
                            || name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("ZUncommit"));
                    if (!jit && !gc) continue;
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                    if (jit) compiler += ticks;
                    else collector += ticks;
                }
            } catch (java.io.IOException | RuntimeException e) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double hz = 100; // USER_HZ, 100 on every Linux the JVM supports
            return new double[] {compiler / hz, collector / hz};
        }

    }

    /** Milliseconds with two decimals, or null when nothing was answered (JSON has no NaN). */
    public static String ms(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * How the requests go out: {@link #send} sends request {@code index} now and calls {@code done} exactly once, on
     * any thread, with its HTTP status or its failure. At most {@code connections} of {@link #run} are in flight.
     */
    public interface Transport extends AutoCloseable {
        void send(int index, long timeoutNanos, Answer done);

        @Override
        void close();
    }

    /** The answer to one request: its HTTP status, or {@code failure} when there was none. */
    @FunctionalInterface
    public interface Answer {
        void answered(int status, Throwable failure);
    }

    /**
     * {@link #run(Transport, long[], int, int, int)} with the JDK's {@link HttpClient} (a selector thread and two
     * callback threads named {@code bench-http-client}); {@code onAnswer} sees every answer (any status) on a client thread.
     */
    public static Result run(IntFunction<HttpRequest.Builder> requests, long[] schedule, int warm, int connections, int timeoutSeconds,
                             Consumer<HttpResponse<String>> onAnswer) throws InterruptedException {
        ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r, "bench-http-client");
            th.setDaemon(true);
            return th;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Transport jdk = new Transport() {
            @Override
            public void send(int index, long timeoutNanos, Answer done) {
                HttpRequest req = requests.apply(index).timeout(Duration.ofNanos(timeoutNanos)).build();
                http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    if (e == null && onAnswer != null) onAnswer.accept(r);
                    done.answered(e == null ? r.statusCode() : 0, e);
                });
            }

            @Override
            public void close() {
                http.shutdownNow();
                callbacks.shutdownNow();
            }
        };
        return run(jdk, schedule, warm, connections, timeoutSeconds);
    }

    /**
     * Sends request {@code i} at {@code schedule[i]} (ns from the start) through {@code transport}, which it closes at
     * the end; the first {@code warm} are the warm-up (not measured). The measured requests start once every warm-up
     * request was answered or timed out, 20 ms later, their schedule shifted as a whole (same gaps), so that a queue
     * left by the warm-up does not count as theirs. A 2xx answer is a success. {@code timeoutSeconds} counts from when
     * a request was due.
     */
    public static Result run(Transport transport, long[] schedule, int warm, int connections, int timeoutSeconds) throws InterruptedException {
        int n = schedule.length;
        int measured = n - warm;
        long[] latency = new long[measured];
        Arrays.fill(latency, -1);
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        Semaphore slots = new Semaphore(connections);
        long start = System.nanoTime() + 50_000_000L;
        long lateSends = 0;
        Cpu.Reading cpuAtStart = null;
        try (transport) {
            long offset = 0;
            for (int i = 0; i < n; i++) {
                if (i == warm && warm > 0) {
                    // the warm-up is over: its requests are answered (or time out) before the measured ones start, so
                    // a backlog left by the cold start is not measured; the measured schedule then starts afresh at the
                    // same rate (a request still due at its fixed time, whatever the server does)
                    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + 5);
                    while (done.get() < warm && System.nanoTime() < drainDeadline) Thread.sleep(1);
                    offset = System.nanoTime() + 20_000_000L - (start + schedule[i]);
                }
                if (i == warm) cpuAtStart = Cpu.Reading.now();
                final int index = i;
                final long intended = start + offset + schedule[i]; // the schedule, not when we got round to it
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                // all connections busy: this request waits, and its wait counts in its latency; one that could not be sent
                // within the time-out of when it was due fails as a time-out (so the run ends at schedule + time-out)
                long remaining = intended + TimeUnit.SECONDS.toNanos(timeoutSeconds) - System.nanoTime();
                if (remaining <= 0 || !slots.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                    failures.computeIfAbsent("not sent within the time-out (all connections busy)", k -> new LongAdder()).increment();
                    if (index >= warm) latency[index - warm] = -2;
                    done.incrementAndGet();
                    continue;
                }
                if (System.nanoTime() - intended > 1_000_000L) lateSends++;
                // the time-out counts from when the request was due, like its latency
                long left = Math.max(1_000_000L, intended + TimeUnit.SECONDS.toNanos(timeoutSeconds) - System.nanoTime());
                transport.send(index, left, (status, e) -> {
                    long dt = System.nanoTime() - intended;
                    if (e != null) {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                        // HttpConnectTimeoutException too: the request's own time-out ran out while it connected
                        String what = cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException
                                ? "no answer within the time-out" : cause.getClass().getSimpleName();
                        failures.computeIfAbsent(what, k -> new LongAdder()).increment();
                    } else {
                        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                        if (status / 100 != 2) failures.computeIfAbsent("HTTP " + status, k -> new LongAdder()).increment();
                    }
                    if (index >= warm) latency[index - warm] = e == null && status / 100 == 2 ? dt : -2;
                    slots.release();
                    done.incrementAndGet();
                });
            }
            long sendEnd = System.nanoTime();
            long deadline = sendEnd + TimeUnit.SECONDS.toNanos(timeoutSeconds + 5);
            while (done.get() < n && System.nanoTime() < deadline) Thread.sleep(10);
            Cpu cpu = Cpu.since(cpuAtStart);
            int unanswered = n - done.get();
            if (unanswered > 0) failures.computeIfAbsent("unanswered", k -> new LongAdder()).add(unanswered);
            long measuredErrors = Arrays.stream(latency).filter(l -> l < 0).count();
            long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
            Map<String, Long> failed = new TreeMap<>();
            failures.forEach((k, v) -> failed.put(k, v.sum()));
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
            return new Result(n, measured, ok, failed, byStatus, lateSends, (sendEnd - start) / 1e9, measuredErrors, cpu);
        }
    }
}
