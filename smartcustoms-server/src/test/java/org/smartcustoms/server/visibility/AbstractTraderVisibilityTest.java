package org.smartcustoms.server.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 9: targeting never leaks to traders. Builds a world where targeting data exists (a watch-list entry and
 * a rule that send the trader's declaration to the red channel, an inspection with findings, an officer override,
 * an amendment, a cancellation, a batch), then walks every endpoint of the OpenAPI document with the trader's token
 * (path parameters filled from the trader's own declarations) and every workspace page a trader can open, and
 * fails on any score, rule, watch-list hit, model reason, inspection finding or officer's username.
 */
@ApiTest
abstract class AbstractTraderVisibilityTest extends ApiTestSupport {
    /** The trader's own party, new for every run: other classes in the shared database lodge for the fixture's party. */
    static final String PARTY = "GB" + String.format("%012d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    static final String EXPORTER = "CN9988776655";

    World w;
    private final List<String> answered = new ArrayList<>();

    /** The targeting world: who is who, the distinctive texts and the trader's declarations. */
    static final class World {
        String s, traderName, traderPassword, trader, officerName, officer, analystName, analyst;
        long traderId;
        String watchReason, watchEntry, ruleName, ruleId, notes, concealment, location, overrideReason, marker;
        String inspected, amendedCancelled, overridden, batched;
        final List<String> ids = new ArrayList<>();
        /** Every answer the trader got while the world was built: "what it was" -> answer. */
        final Map<String, ApiClient.Response> answers = new LinkedHashMap<>();
        Leaks leaks;
    }

    @BeforeEach
    void setUp() {
        w = world();
    }

    static String example(String lrn, String description) {
        try (InputStream in = AbstractTraderVisibilityTest.class.getResourceAsStream("/declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LRN-TEST-0001", lrn).replace("GB123456789000", PARTY)
                    .replace("Cotton T-shirts, knitted", description);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient.Response asTrader(String what, ApiClient.Response r) {
        w.answers.put(what, r);
        return r;
    }

    World world() {
        World x = new World();
        w = x;
        x.s = UUID.randomUUID().toString().substring(0, 6);
        x.traderName = "tv-trader-" + x.s;
        x.traderPassword = "Pw-" + UUID.randomUUID();
        UserAccount t = users.create(x.traderName, x.traderPassword, Role.TRADER, PARTY);
        x.traderId = t.id();
        x.trader = users.issueToken(t.id(), "test");
        x.officerName = "tv-officer-" + x.s;
        x.officer = TestUsers.token(users, x.officerName, Role.OFFICER, null);
        x.analystName = "tv-analyst-" + x.s;
        x.analyst = TestUsers.token(users, x.analystName, Role.ANALYST, null);
        x.marker = "Qv" + x.s;
        x.watchReason = "suspected cigarette smuggling ring, intelligence file ZX-" + x.s;
        x.watchEntry = "W-TV-" + x.s;
        x.ruleName = "Lamp undervaluation probe " + x.s;
        x.notes = "counterfeit Marlboro cartons found behind the power supplies, lab sample " + x.s;
        x.concealment = "false floor in container " + x.s;
        x.location = "bonded warehouse Kappa-" + x.s;
        x.overrideReason = "informant Kestrel tip-off " + x.s;

        // analyst: a watch-list entry on the exporter and a rule on the item description
        ApiClient.Response wl = api.post("/api/v1/watchlists/parties", x.analyst, JSON, """
                {"entryId": "%s", "partyId": "%s", "name": "Shenzhen Bright Lighting Co., Ltd.", "reason": "%s",
                 "source": "intelligence unit %s"}""".formatted(x.watchEntry, EXPORTER, x.watchReason, x.s));
        assertThat(wl.status()).as(wl.toString()).isEqualTo(201);
        ApiClient.Response rule = api.post("/api/v1/rules", x.analyst, JSON, """
                {"name": "%s", "expression": "description.contains('%s')", "threat": "UNDERVALUATION", "weight": 95}"""
                .formatted(x.ruleName, x.marker));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        x.ruleId = rule.json().get("id").asText();

        // 1. red because of both; the officer inspects (findings, seizure) and releases
        ApiClient.Response a = asTrader("submit (red)", api.post("/api/v1/declarations", x.trader, JSON,
                example("TV-A-" + x.s, "Cotton T-shirts " + x.marker)));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(a.json().get("channel").asText()).isEqualTo("RED");
        x.inspected = a.json().get("id").asText();
        ApiClient.Response insp = api.post("/api/v1/declarations/" + x.inspected + "/inspection", x.officer, JSON, """
                {"outcome": "UNDERVALUATION", "additionalDuty": {"amount": 321.5, "currency": "EUR"},
                 "seizure": {"goods": "cigarettes", "quantity": 40, "unit": "NAR", "concealment": "%s", "location": "%s"},
                 "notes": "%s", "decision": "RELEASE"}""".formatted(x.concealment, x.location, x.notes));
        assertThat(insp.status()).as(insp.toString()).isEqualTo(201);

        // 2. red, overridden to yellow by the officer with a reason, amended by the trader, then cancelled
        ApiClient.Response b = asTrader("submit (to amend and cancel)", api.post("/api/v1/declarations", x.trader, JSON,
                example("TV-B-" + x.s, "Cotton T-shirts " + x.marker)));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        x.amendedCancelled = b.json().get("id").asText();
        ApiClient.Response ov = api.post("/api/v1/declarations/" + x.amendedCancelled + "/override", x.officer, JSON,
                "{\"channel\": \"YELLOW\", \"reason\": \"" + x.overrideReason + "\"}");
        assertThat(ov.status()).as(ov.toString()).isEqualTo(200);
        String amendment = example("TV-B-" + x.s, "Cotton T-shirts " + x.marker)
                .replace("\"functionCode\": \"9\"", "\"functionCode\": \"13\", \"referencedId\": \"" + x.amendedCancelled + "\"")
                .replace("\"netMassKg\": 800.5", "\"netMassKg\": 812.0");
        // under control the declarant's amendment and cancellation are refused (the answers must not leak either)
        ApiClient.Response refused = asTrader("amendment under control", api.post("/api/v1/declarations", x.trader, JSON, amendment));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        ApiClient.Response cancelRefused = asTrader("cancel under control", api.post("/api/v1/declarations/" + x.amendedCancelled
                + "/cancel", x.trader, JSON, "{\"reason\": \"shipment lost at sea\"}"));
        assertThat(cancelRefused.status()).as(cancelRefused.toString()).isEqualTo(409);
        // the officer allows one correction; the trader amends; the officer cancels
        ApiClient.Response auth = api.post("/api/v1/declarations/" + x.amendedCancelled + "/correction-authorisation", x.officer,
                JSON, "{\"reason\": \"" + x.overrideReason + " (correction)\"}");
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        ApiClient.Response am = asTrader("amendment", api.post("/api/v1/declarations", x.trader, JSON, amendment));
        assertThat(am.status()).as(am.toString()).isEqualTo(200);
        ApiClient.Response c = api.post("/api/v1/declarations/" + x.amendedCancelled + "/cancel", x.officer, JSON,
                "{\"reason\": \"" + x.overrideReason + " (cancel)\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(200);

        // 3. red, released by an officer's override with a reason
        ApiClient.Response e = asTrader("submit (to override)", api.post("/api/v1/declarations", x.trader, JSON,
                example("TV-E-" + x.s, "Cotton T-shirts " + x.marker)));
        assertThat(e.status()).as(e.toString()).isEqualTo(201);
        x.overridden = e.json().get("id").asText();
        ApiClient.Response green = api.post("/api/v1/declarations/" + x.overridden + "/override", x.officer, JSON,
                "{\"channel\": \"GREEN\", \"reason\": \"" + x.overrideReason + "\"}");
        assertThat(green.status()).as(green.toString()).isEqualTo(200);

        // 4. a batch of one (red as well), left under control
        ApiClient.Response batch = asTrader("batch", api.post("/api/v1/declarations/batch", x.trader, JSON,
                "[" + example("TV-C-" + x.s, "Cotton T-shirts " + x.marker) + "]"));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        x.batched = batch.json().get("ids").get(0).asText();

        // 5. a rejected submission (DMSREJ notification)
        asTrader("invalid submission", api.post("/api/v1/declarations", x.trader, JSON,
                example("TV-D-" + x.s, "x").replace("\"netMassKg\": 100,", "\"netMassKg\": -100,")));

        x.ids.addAll(List.of(x.inspected, x.amendedCancelled, x.overridden, x.batched));
        x.leaks = new Leaks(Set.of(x.watchReason, "cigarette smuggling", x.watchEntry, "intelligence unit", x.ruleName,
                x.ruleId + "@", x.notes, "Marlboro", x.concealment, x.location, x.overrideReason, "Kestrel",
                x.officerName, x.analystName));
        return x;
    }

    /** Sample values for path and query parameters the trader's own data does not give. */
    private List<String> values(String template, String name) {
        if (template.startsWith("/api/v1/admin/users/")) return List.of(String.valueOf(w.traderId));
        if (template.startsWith("/api/v1/rules/")) return List.of(w.ruleId);
        return switch (name) {
            case "id" -> List.of(w.inspected, w.amendedCancelled, w.overridden, w.batched);
            case "code" -> List.of("8504400090");
            case "kind" -> List.of("parties", "commodities");
            case "version" -> List.of("1", "none");
            case "declarant" -> List.of(PARTY, EXPORTER);
            case "declarationId", "subjectId" -> List.of(w.inspected);
            case "from" -> List.of(LocalDate.now().minusDays(30).toString());
            case "date" -> List.of(LocalDate.now().toString());
            case "to" -> List.of(LocalDate.now().plusDays(1).toString());
            case "size" -> List.of("500");
            case "limit" -> List.of("1000");
            case "q", "query" -> List.of("lamp");
            case "format" -> List.of("kcs");
            case "status" -> List.of("UNDER_CONTROL");
            case "channel" -> List.of("RED");
            case "office" -> List.of("GB000060");
            case "importer" -> List.of(PARTY);
            case "hsChapter" -> List.of("61");
            case "after", "page" -> List.of("0");
            case "days" -> List.of("30");
            default -> List.of("x");
        };
    }

    /** Every concrete path of an OpenAPI path template, path parameters filled with each sample. */
    private List<String> expand(String template) {
        List<String> out = new ArrayList<>(List.of(template));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(template);
        while (m.find()) {
            List<String> next = new ArrayList<>();
            for (String p : out) for (String v : values(template, m.group(1))) next.add(p.replace("{" + m.group(1) + "}", v));
            out = next;
        }
        return out;
    }

    private String queryOf(String template, JsonNode op, boolean all) {
        List<String> q = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) continue;
            if (!all && !p.path("required").asBoolean()) continue;
            q.add(p.get("name").asText() + "=" + values(template, p.get("name").asText()).get(0));
        }
        return q.isEmpty() ? "" : "?" + String.join("&", q);
    }

    /** A body a trader could send to the operation: real ones for the trader's own operations, else an empty one. */
    private String[] body(String method, String path, JsonNode op) {
        JsonNode content = op.path("requestBody").path("content");
        String type = content.has(JSON) ? JSON : content.fieldNames().hasNext() ? content.fieldNames().next() : JSON;
        if (path.equals("/api/v1/declarations") && method.equals("post")) {
            return new String[] {JSON, example("TV-W-" + UUID.randomUUID().toString().substring(0, 8), "Cotton T-shirts " + w.marker)};
        }
        if (path.equals("/api/v1/declarations/batch")) {
            return new String[] {JSON, "[" + example("TV-WB-" + UUID.randomUUID().toString().substring(0, 8), "Cotton T-shirts " + w.marker) + "]"};
        }
        if (path.equals("/api/v1/estimate")) {
            return new String[] {JSON, "{\"hsCode\": \"8504400090\", \"origin\": \"CN\", \"value\": 10000, \"currency\": \"USD\","
                    + " \"date\": \"" + LocalDate.now() + "\", \"incoterm\": \"CIF\"}"};
        }
        if (path.equals("/api/v1/auth/login")) {
            return new String[] {JSON, "{\"username\": \"" + w.traderName + "\", \"password\": \"" + w.traderPassword + "\"}"};
        }
        if (path.endsWith("/cancel")) return new String[] {JSON, "{\"reason\": \"no longer needed\"}"};
        // well-formed customs requests, so that the answer is about the role and not about the body
        if (path.equals("/api/v1/watchlists/parties")) {
            return new String[] {JSON, "{\"entryId\": \"W-T\", \"partyId\": \"" + PARTY + "\", \"reason\": \"x\"}"};
        }
        if (path.equals("/api/v1/watchlists/commodities")) {
            return new String[] {JSON, "{\"entryId\": \"C-T\", \"hsPrefix\": \"6109\", \"origin\": \"BD\", \"reason\": \"x\"}"};
        }
        if (path.startsWith("/api/v1/rules")) {
            return new String[] {JSON, "{\"name\": \"t\", \"expression\": \"true\", \"threat\": \"OTHER\", \"weight\": 1}"};
        }
        if (path.endsWith("/inspection")) return new String[] {JSON, "{\"outcome\": \"NO_IRREGULARITY\", \"decision\": \"RELEASE\"}"};
        if (path.endsWith("/override")) return new String[] {JSON, "{\"channel\": \"GREEN\", \"reason\": \"trader wants it\"}"};
        if (path.equals("/api/v1/admin/users")) {
            return new String[] {JSON, "{\"username\": \"x-" + w.s + "\", \"password\": \"pw-pw-pw-pw\", \"role\": \"ADMIN\"}"};
        }
        if (type.startsWith("text/")) return new String[] {type, "a,b\n1,2\n"};
        return new String[] {type.contains("*") ? JSON : type, "{}"};
    }

    /** Customs-only areas: a trader is refused by role (403 problem+json), whatever the object. */
    private static boolean customsOnly(String path) {
        return path.startsWith("/api/v1/worklist") || path.startsWith("/api/v1/rules") || path.startsWith("/api/v1/watchlists")
                || path.startsWith("/api/v1/models") || path.startsWith("/api/v1/dashboard") || path.startsWith("/api/v1/audit")
                || path.startsWith("/api/v1/post-clearance") || path.startsWith("/api/v1/admin")
                || path.matches("/api/v1/declarations/[^/]+/(inspection|inspections|override|reclassification|correction-authorisation)");
    }

    @Test
    void everyEndpointATraderCanCallIsFreeOfTargeting() {
        List<String> failures = new ArrayList<>();
        Set<String> answered2xx = new TreeSet<>();

        // what the trader got while the world was built (receipts, amendment, cancel, batch, rejection)
        w.answers.forEach((what, r) -> check("POST " + what, r, failures, answered2xx));

        // the OpenAPI document (public) lists every endpoint
        ApiClient.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.size()).isGreaterThan(10);
        List<String[]> posts = new ArrayList<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = paths.get(template).fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey();
                for (String path : expand(template)) {
                    if (method.equals("get")) {
                        for (String q : new LinkedHashSet<>(List.of(queryOf(template, op.getValue(), false), queryOf(template, op.getValue(), true)))) {
                            String call = path + q;
                            check("GET " + call, api.get(call, w.trader), failures, answered2xx);
                        }
                    } else if (!path.equals("/api/v1/auth/logout")) {
                        String[] b = body(method, template, op.getValue());
                        posts.add(new String[] {method, path + queryOf(template, op.getValue(), false), b[0], b[1], template});
                    }
                }
            }
        }
        // then everything that changes state, as the trader
        for (String[] p : posts) {
            ApiClient.Response r = switch (p[0]) {
                case "post" -> api.post(p[1], w.trader, p[2], p[3]);
                default -> send(p[0].toUpperCase(), p[1], w.trader, p[2], p[3]);
            };
            check(p[0].toUpperCase() + " " + p[1], r, failures, answered2xx);
            if (customsOnly(p[1]) && r.status() / 100 == 2) failures.add(p[0].toUpperCase() + " " + p[1] + ": a trader got " + r.status());
        }

        // the static workspace (the same for everyone, so it may name scores in its officer code, never data)
        for (String file : staticFiles()) {
            ApiClient.Response r = api.get(file, null);
            assertThat(r.status()).as(file).isEqualTo(200);
            w.leaks.data(r.body()).forEach(l -> failures.add("GET " + file + ": " + l));
        }

        // the outcome of the inspection reaches the trader as a payment order (read above, free of targeting)
        ApiClient.Response orders = api.get("/api/v1/declarations/" + w.inspected + "/payment-orders", w.trader);
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json()).as("additional duty recorded by the officer").hasSize(1);
        assertThat(orders.json().get(0).get("amount").decimalValue()).isEqualByComparingTo("321.5");
        assertThat(answered2xx).anyMatch(c -> c.startsWith("GET /api/v1/declarations/" + w.inspected + "/payment-orders"));
        ApiClient.Response feed = api.get("/api/v1/notifications", w.trader);
        assertThat(feed.body()).contains("Payment order PO-" + w.inspected);

        // logout last
        ApiClient.Response out = api.post("/api/v1/auth/logout", w.trader, JSON, "");
        check("POST /api/v1/auth/logout", out, failures, answered2xx);

        System.out.println("Trader answered 2xx on:\n  " + String.join("\n  ", answered2xx));
        System.out.println("Every trader call:\n  " + String.join("\n  ", answered));
        assertThat(answered2xx).as("the trader's own declaration must have been read")
                .anyMatch(c -> c.startsWith("GET /api/v1/declarations/" + w.inspected));
        assertThat(failures).as("targeting leaked to a trader (%d findings)", failures.size()).isEmpty();
    }

    /** PUT, PATCH, DELETE (ApiClient has GET and POST only). */
    private ApiClient.Response send(String method, String path, String token, String type, String body) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + token).header("Content-Type", type)
                            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(String call, ApiClient.Response r, List<String> failures, Set<String> answered2xx) {
        String path = call.substring(call.indexOf(' ') + 1);
        answered.add(call + " -> " + r.status() + (r.status() == 400 || r.status() == 409 || r.status() == 422
                ? " " + r.body().substring(0, Math.min(200, r.body().length())) : ""));
        if (r.status() / 100 == 2) {
            answered2xx.add(call + " -> " + r.status());
            String body = r.body();
            // the tariff search ranks nomenclature hits by a relevance "score": not a risk score
            if (path.startsWith("/api/v1/tariff/search")) body = body.replaceAll("\"score\":[0-9.Ee+-]+", "\"relevance\":0");
            w.leaks.all(body).forEach(l -> failures.add(call + " (" + r.status() + "): " + l));
        } else {
            w.leaks.data(r.body()).forEach(l -> failures.add(call + " (" + r.status() + "): " + l));
            if (r.status() >= 500) failures.add(call + ": server error " + r);
            if (r.body().isEmpty() || !r.contentType().startsWith("application/problem+json")) {
                failures.add(call + ": " + r.status() + " is not a problem+json body (" + r.contentType() + ", "
                        + r.body().length() + " chars)");
            }
            if (customsOnly(path.split("\\?")[0]) && r.status() != 403) {
                failures.add(call + ": a trader must get 403 from a customs endpoint, got " + r.status());
            }
        }
    }

    private static List<String> staticFiles() {
        List<String> out = new ArrayList<>(List.of("/", "/index.html"));
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:/static/app/**/*.*")) {
                String url = r.getURL().toString();
                out.add(url.substring(url.indexOf("/static/") + "/static".length()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(out).anyMatch(f -> f.endsWith("/pages/detail.js"));
        return out;
    }

    @Test
    void everyWorkspacePageATraderCanOpenIsFreeOfTargeting() throws IOException {
        List<String> failures = new ArrayList<>();
        try (TraderBrowser b = TraderBrowser.start(port)) {
            b.login(w.traderName, w.traderPassword);
            Map<String, String> pages = new LinkedHashMap<>();
            for (String route : b.menu()) pages.put(route, route.replaceAll("[^A-Za-z0-9]+", "-"));
            assertThat(pages).containsKeys("my", "notifications");
            pages.put("declaration/" + w.inspected, "declaration-inspected-released");
            pages.put("declaration/" + w.amendedCancelled, "declaration-amended-cancelled");
            pages.put("declaration/" + w.overridden, "declaration-override-released");
            pages.put("declaration/" + w.batched, "declaration-under-control");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                String hash = page.getKey();
                TraderBrowser.Page p = b.open(hash);
                b.screenshot("trader-visibility-" + page.getValue());
                w.leaks.all(p.text()).forEach(l -> failures.add("#/" + hash + " shows " + l));
                w.leaks.data(p.html()).forEach(l -> failures.add("#/" + hash + " holds " + l));
            }
            // lodging a declaration through the form: the receipt
            TraderBrowser.Page submit = b.open("submit");
            b.js("const f = document.getElementById('declaration-form');"
                    + "f.elements['lrn'].value = arguments[0];"
                    + "document.querySelector('.i-description').value = 'Cotton T-shirts ' + arguments[1];"
                    + "document.querySelector('.i-hs').value = '610910'; document.querySelector('.i-origin').value = 'BD';"
                    + "document.querySelector('.i-value').value = '2500'; document.querySelector('.i-net').value = '100';"
                    + "document.querySelector('.i-gross').value = '110'; document.querySelector('.i-qty').value = '500';"
                    + "document.querySelector('.i-unit').value = 'NAR';"
                    + "f.elements['exporterId'].value = arguments[2]; f.elements['exporterName'].value = 'Shenzhen Bright Lighting Co., Ltd.';"
                    + "f.elements['exporterCountry'].value = 'CN';"
                    + "document.getElementById('submit-declaration').click();", "TV-UI-" + w.s, w.marker, EXPORTER);
            b.waitFor().until(d -> Boolean.TRUE.equals(b.js("return !!document.querySelector('#submit-result .alert');")));
            String receipt = (String) b.js("return document.body.innerText;");
            b.screenshot("trader-visibility-receipt");
            assertThat(submit.hash()).isEqualTo("submit");
            w.leaks.all(receipt).forEach(l -> failures.add("#/submit receipt shows " + l));
        }
        assertThat(failures).as("targeting shown to a trader in the workspace").isEmpty();
    }
}
