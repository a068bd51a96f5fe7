package org.smartcustoms.server.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
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

    @Option(names = "--warmup", defaultValue = "60", description = "Seconds of load before measuring, not measured (default ${DEFAULT-VALUE}); "
            + "the measured requests start once every warm-up request was answered.")
    int warmup;

    @Option(names = "--warmup-from", description = "Rate at which the warm-up starts, rising linearly to --rate over --warmup-ramp "
            + "(default: a tenth of --rate; --warmup-from equal to --rate: no ramp). A cold JVM on few cores needs a ramp to "
            + "compile its hot paths before full load: at full rate from the first second it falls behind while it compiles.")
    Integer warmupFrom;

    @Option(names = "--warmup-ramp", description = "Seconds of the warm-up's ramp (default: a third of --warmup); the rest of the "
            + "warm-up runs at --rate. The JIT compiler's optimising tier (C2) compiles a method called once per request only "
            + "after thousands of requests: measured right after a short ramp, the server still runs much of its path in the "
            + "first tier and spends part of the cores compiling (docs/intake.md, \"Session 13\").")
    Integer warmupRamp;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds from when a request is due until it must be answered, else it counts as an error (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--connections", defaultValue = "64", description = "Most requests in flight at once, as a fixed set of client "
            + "connections would allow (default ${DEFAULT-VALUE}); a request due while all are busy waits, and its latency still counts from when it was due.")
    int connections;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed of the generated declarations (default ${DEFAULT-VALUE}); LRNs are unique per run.")
    long seed;

    @Option(names = "--client", defaultValue = "plain", description = "Load generator: plain (HTTP/1.1 from prepared bytes, one thread "
            + "per connection; cheap, so that the cores go to the server) or jdk (the JDK's HttpClient) (default ${DEFAULT-VALUE}); https always uses jdk.")
    String client;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000) throw new CliFailure("--rate must be between 1 and 100000", null);
        if (!"plain".equals(client) && !"jdk".equals(client)) throw new CliFailure("--client must be plain or jdk", null);
        if (connections < 1 || connections > 10_000) throw new CliFailure("--connections must be between 1 and 10000", null);
        if (duration < 1 || warmup < 0 || timeout < 1) throw new CliFailure("--duration and --timeout must be positive, --warmup not negative", null);
        if (warmupFrom != null && (warmupFrom < 1 || warmupFrom > rate)) throw new CliFailure("--warmup-from must be between 1 and --rate", null);
        int from = warmupFrom != null ? warmupFrom : Math.max(1, rate / 10);
        if (warmupRamp != null && (warmupRamp < 0 || warmupRamp > warmup)) throw new CliFailure("--warmup-ramp must be between 0 and --warmup", null);
        int ramp = warmupRamp != null ? warmupRamp : warmup / 3;
        if ((long) rate * (warmup + duration) > 5_000_000) throw new CliFailure("rate x (warmup + duration) must be at most 5,000,000 requests", null);
        long[] schedule = schedule(from, rate, ramp, warmup, duration);
        int warm = schedule.length - rate * duration;
        say("Generating " + schedule.length + " declarations...");
        List<byte[]> bodies = bodies(schedule.length);
        if (url != null) {
            String t = token != null ? token : CliEnvironment.get().token();
            if (t == null || t.isBlank()) throw new CliFailure("with --url give --token or set SMARTCUSTOMS_TOKEN (an ADMIN token)", null);
            say("Loading the server at " + url + " (its database is not known here: \"db\": \"unknown\")");
            return run(URI.create(url.replaceAll("/+$", "") + "/api/v1/declarations"), t, bodies, schedule, warm, from, ramp, "unknown");
        }
        say("Starting the server...");
        try (ConfigurableApplicationContext ctx = options.webOnLoopback()) {
            int port = ServerOptions.port(ctx);
            UserDirectory users = ctx.getBean(UserDirectory.class);
            UserAccount admin = users.create("bench-http-" + runId(), null, Role.ADMIN, null);
            String t = users.issueToken(admin.id(), "bench http");
            return run(URI.create("http://127.0.0.1:" + port + "/api/v1/declarations"), t, bodies, schedule, warm, from, ramp,
                    ServerOptions.database(ctx));
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

    /** When each request is due, the whole warm-up a ramp (see {@link OpenLoad#schedule}). */
    static long[] schedule(int from, int rate, int warmup, int duration) {
        return OpenLoad.schedule(from, rate, warmup, duration);
    }

    /** When each request is due, the warm-up's first {@code ramp} seconds a ramp, its rest at {@code rate}. */
    static long[] schedule(int from, int rate, int ramp, int warmup, int duration) {
        return OpenLoad.schedule(from, rate, ramp, warmup, duration);
    }

    private int run(URI target, String bearer, List<byte[]> bodies, long[] schedule, int warm, int from, int ramp, String where) throws InterruptedException {
        say("Sending " + rate + " requests/s over at most " + connections + " connections to " + (url != null ? url : "the server on " + where) + ": " + warmup + " s warm-up"
                + (from != rate && ramp > 0 ? " (" + warm + " requests) rising from " + from + "/s over its first " + ramp + " s" : "") + ", then " + duration + " s measured...");
        OpenLoad.Result r = "plain".equals(client) && "http".equalsIgnoreCase(target.getScheme())
                // plain HTTP/1.1 from prepared bytes: the load generator shares the cores with the server (see PlainHttpTransport)
                ? OpenLoad.run(new PlainHttpTransport(target.getHost(), target.getPort() < 0 ? 80 : target.getPort(), target.getRawPath(),
                        List.of(new String[] {"Authorization", "Bearer " + bearer}, new String[] {"Content-Type", "application/json"}),
                        bodies::get, connections), schedule, warm, connections, timeout)
                : OpenLoad.run(i -> HttpRequest.newBuilder(target)
                        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))), schedule, warm, connections, timeout, null);
        if (!json) {
            System.out.printf("%d requests sent in %.1f s (%.1f/s; %d sent more than 1 ms after they were due, e.g. waiting for one of the connections), %d created, %d already stored, errors %s%n",
                    r.requests(), r.sendSeconds(), r.requests() / r.sendSeconds(), r.lateSends(), r.status(201), r.status(200), r.failures());
            System.out.printf("measured %d: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    r.okLatencies().length, r.pct(0.50), r.pct(0.90), r.pct(0.99), r.pct(0.999), r.maxMs());
            if (url == null && !Double.isNaN(r.cpu().process()) && r.measured() > 0) {
                System.out.printf("CPU of this JVM over the measured part: server %.3f ms per request (of which JIT compiler %.3f, garbage collector %.3f), load generator %.3f ms per request%n",
                        r.cpu().serverMsPer(r.measured()), r.cpu().compilerMsPer(r.measured()), r.cpu().collectorMsPer(r.measured()), r.cpu().loadMsPer(r.measured()));
            }
        }
        System.out.printf(Locale.ROOT, "{\"bench\": \"http\", \"db\": \"%s\", \"duration_s\": %d, \"warmup_s\": %d, \"warmup_from\": %d, \"warmup_ramp_s\": %d, \"warmup_requests\": %d, \"requests\": %d, "
                        + "\"p90_ms\": %s, \"p999_ms\": %s, \"max_ms\": %s, \"errors_measured\": %d, %s"
                        + "\"rate\": %d, \"p50_ms\": %s, \"p99_ms\": %s, \"errors\": %d}%n",
                where, duration, warmup, from, ramp, warm, r.measured(), OpenLoad.ms(r.pct(0.90)), OpenLoad.ms(r.pct(0.999)),
                OpenLoad.ms(r.maxMs()), r.measuredErrors(), cpu(r), rate, OpenLoad.ms(r.pct(0.50)), OpenLoad.ms(r.pct(0.99)), r.errors());
        return 0;
    }

    /**
     * The JVM's CPU per measured request, the server's apart from the load generator's, when the server runs in this
     * JVM (without {@code --url}): the figure that does not depend on how busy the machine is (PostgreSQL's is not in it).
     */
    private String cpu(OpenLoad.Result r) {
        if (url != null || Double.isNaN(r.cpu().process()) || r.measured() == 0) return "";
        String vm = Double.isNaN(r.cpu().compiler()) ? "" : String.format(Locale.ROOT, "\"jit_cpu_ms_per_request\": %.3f, \"gc_cpu_ms_per_request\": %.3f, ",
                r.cpu().compilerMsPer(r.measured()), r.cpu().collectorMsPer(r.measured()));
        return String.format(Locale.ROOT, "\"server_cpu_ms_per_request\": %.3f, %s\"load_cpu_ms_per_request\": %.3f, ",
                r.cpu().serverMsPer(r.measured()), vm, r.cpu().loadMsPer(r.measured()));
    }

    private void say(String line) {
        if (!json) System.out.println(line);
    }
}
