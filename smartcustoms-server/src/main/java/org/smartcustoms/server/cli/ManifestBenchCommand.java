package org.smartcustoms.server.cli;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench manifest}: a generated manifest of N low-value consignments uploaded end to end over loopback HTTP to a
 * server started on the configured database (H2 under --data-dir, or SMARTCUSTOMS_DB_URL), timed from the first byte
 * sent to the answer (every consignment parsed, assessed, scored, decided and stored with its notification), then
 * checked through the API (every row accepted or reported, every accepted one decided). Last line: JSON.
 */
@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = {"Upload a generated manifest of N low-value consignments (CSV) to a server started on a free loopback port",
                "and print the end-to-end time (upload -> all decided and stored) as JSON."})
public class ManifestBenchCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--consignments", defaultValue = "100000", description = "Consignments in the manifest (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "5", description = "Random seed of the generated manifest (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warm-up", defaultValue = "2000", description = "Consignments of a first, unmeasured manifest (default ${DEFAULT-VALUE}; 0 = none).")
    int warmUp;

    /** Runs the command alone (without the launcher's command tree). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ManifestBenchCommand()).execute(args));
    }

    /** Common e-commerce goods: footwear, plastics, headphones, knitted and woven apparel, bags, toys, cosmetics, jewellery, laptops. */
    static final String[] HS = {"640299", "392690", "851830", "611020", "420222", "950300", "330499", "711719", "847130", "620342"};
    static final String[] CURRENCY = {"JPY", "USD", "CNY"};
    static final double[] JPY_PER = {1, 150, 20.6};

    /** The generated manifest: CSV with a header, {@code n} rows, ~1% of buyers splitting an order in two parcels. */
    static byte[] manifest(int n, long seed, String run) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 200);
        StringBuilder sb = new StringBuilder("consignment_id,house_document,master_document,seller_id,seller_name,seller_country,buyer_id,"
                + "buyer_name,buyer_country,buyer_postcode,platform_id,description,hs6,quantity,gross_mass_kg,value,currency,origin,dispatch_country\n");
        int buyers = Math.max(1, n * 6 / 10);
        int pair = -1;
        int lastBuyer = 0;
        int lastSeller = 0;
        for (int i = 0; i < n; i++) {
            // about 1% of the rows start an order split in two parcels of 6,000 JPY (together over the 10,000 JPY threshold)
            boolean split = pair == i || (i + 1 < n && r.nextInt(200) == 0);
            if (split && pair != i) pair = i + 1;
            int buyer = pair == i ? lastBuyer : r.nextInt(buyers);
            int seller = pair == i ? lastSeller : r.nextInt(500);
            lastBuyer = buyer;
            lastSeller = seller;
            int c = r.nextInt(CURRENCY.length);
            if (split) c = 0;
            double jpy = split ? 6000 : Math.min(200_000, Math.exp(8 + r.nextGaussian() * 0.9));
            String value = String.format(Locale.ROOT, c == 0 ? "%.0f" : "%.2f", jpy / JPY_PER[c]);
            String hs = HS[r.nextInt(HS.length)];
            sb.append(run).append('-').append(i).append(",HAWB").append(run).append(i).append(",MAWB-").append(i / 5000)
                    .append(",S").append(seller).append(",Seller ").append(seller).append(" Co,CN,,Buyer ").append(run).append(' ')
                    .append(buyer).append(",JP,").append(100 + buyer % 900).append("-0001,PLAT").append(seller % 7).append(",goods ")
                    .append(hs).append(',').append(hs).append(',').append(1 + r.nextInt(3)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", 0.1 + r.nextDouble() * 2)).append(',').append(value).append(',')
                    .append(CURRENCY[c]).append(",CN,HK\n");
            if (sb.length() > 1 << 16) {
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Override
    public Integer call() throws Exception {
        List<String> args = options.springArgs();
        args.add("--server.port=0");
        args.add("--server.address=127.0.0.1");
        ObjectMapper json = new ObjectMapper();
        String figures;
        try (ConfigurableApplicationContext ctx = SmartCustomsApplication.start(args.toArray(String[]::new))) {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String db = ctx.getEnvironment().getProperty("spring.datasource.url", "?");
            String run = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
            UserDirectory users = ctx.getBean(UserDirectory.class);
            UserAccount trader = users.create("bench-lvc-" + run.toLowerCase(Locale.ROOT), null, Role.TRADER, "BENCH" + run);
            String token = users.issueToken(trader.id(), "bench");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/api/v1/manifests";
            if (warmUp > 0) post(http, base, token, manifest(warmUp, seed + 1, run + "W"), "WARM-" + run);
            byte[] body = manifest(n, seed, run);
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(http, base, token, body, "BENCH-" + run);
            double secs = (System.nanoTime() - t0) / 1e9;
            JsonNode m = json.readTree(r.body()).get("manifest");
            String id = m.get("id").asText();
            long released = total(http, json, base + "/" + id + "/consignments?size=1&status=RELEASED", token);
            long held = total(http, json, base + "/" + id + "/consignments?size=1&status=HELD", token);
            int accepted = m.get("accepted").asInt();
            int rejected = m.get("rejected").asInt();
            if (accepted + rejected != n || released + held != accepted) {
                throw new IllegalStateException("not every consignment was decided: " + r.body().substring(0, Math.min(500, r.body().length())));
            }
            figures = String.format(Locale.ROOT, "{\"bench\": \"manifest\", \"db\": \"%s\", \"consignments\": %d, \"bytes\": %d, \"seconds\": %.2f, "
                            + "\"consignments_per_second\": %.0f, \"accepted\": %d, \"rejected\": %d, \"released\": %d, \"held\": %d}",
                    db.startsWith("jdbc:h2") ? "h2" : db.startsWith("jdbc:postgresql") ? "postgresql" : "other", n, body.length, secs,
                    n / secs, accepted, rejected, released, held);
        }
        System.out.println(figures); // the last line, after the server's shutdown messages
        return 0;
    }

    private static HttpResponse<String> post(HttpClient http, String base, String token, byte[] body, String reference) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "?reference=" + reference)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        return r;
    }

    private static long total(HttpClient http, ObjectMapper json, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body()).get("total").asLong();
    }
}
