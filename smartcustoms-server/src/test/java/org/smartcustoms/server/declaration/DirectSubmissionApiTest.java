package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A JSON single submission with a TRADER or ADMIN token is served by {@link DirectSubmissionFilter}, the rest by the
 * security chain and Spring MVC: the two must answer alike. Same security headers as the API chain writes, same
 * receipt as the controller answers through Spring MVC (an {@code Accept} with a quality value is negotiated there),
 * problem+json for what is wrong, 401/403 from the chain and the controller, and the request metric still names the URI.
 */
@ApiTest
@OnH2
// in the context of OperationsMetricsApiTest: the request metrics are recorded
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class DirectSubmissionApiTest extends ApiTestSupport {
    private static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options", "Cache-Control",
            "Pragma", "Expires", "Referrer-Policy", "Content-Security-Policy", "X-XSS-Protection");

    @Autowired
    MeterRegistry meters;

    private ApiClient.Response submit(String token, Map<String, String> headers, String body) {
        return api.request("POST", "/api/v1/declarations", token, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAnswerAndItsHeadersAreThoseOfTheApiChainAndTheController() {
        String trader = token(Role.TRADER, "GB123456789000");
        String lrn = AbstractIntakeApiTest.lrn();
        ApiClient.Response direct = submit(trader, Map.of("Content-Type", JSON), AbstractIntakeApiTest.example(lrn));
        assertThat(direct.status()).as(direct.toString()).isEqualTo(201);
        assertThat(direct.contentType()).startsWith("application/json");
        String id = direct.json().get("id").asText();
        assertThat(direct.header("Location")).isEqualTo("/api/v1/declarations/" + id);

        // the same LRN again, with an Accept that Spring MVC negotiates: the stored declaration, the same receipt
        ApiClient.Response viaMvc = submit(trader, Map.of("Content-Type", JSON, "Accept", "application/json;q=0.9"),
                AbstractIntakeApiTest.example(lrn));
        assertThat(viaMvc.status()).as(viaMvc.toString()).isEqualTo(200);
        JsonNode a = direct.json(), b = viaMvc.json();
        assertThat(a.get("created").asBoolean()).isTrue();
        assertThat(b.get("created").asBoolean()).isFalse();
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("created");
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("created");
        assertThat(a).isEqualTo(b);

        ApiClient.Response viaChain = api.get("/api/v1/declarations/" + id, trader);
        assertThat(viaChain.status()).isEqualTo(200);
        for (String h : SECURITY_HEADERS) {
            assertThat(viaChain.header(h)).as(h + " written by the API chain").isNotNull();
            assertThat(direct.header(h)).as(h).isEqualTo(viaChain.header(h));
            assertThat(viaMvc.header(h)).as(h).isEqualTo(viaChain.header(h));
        }
        assertThat(direct.headers().keySet()).noneMatch(k -> k.equalsIgnoreCase("Set-Cookie"));
    }

    @Test
    void whatIsWrongIsAnsweredAsThroughTheController() {
        String trader = token(Role.TRADER, "GB123456789000");
        ApiClient.Response malformed = submit(trader, Map.of("Content-Type", JSON), "{\"lrn\": ");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("errors").get(0).get("code").asText()).isEqualTo("JSON_MALFORMED");
        assertThat(malformed.header("Content-Security-Policy")).isNotNull();

        ApiClient.Response invalid = submit(trader, Map.of("Content-Type", JSON), "{\"lrn\": \"x\"}");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors")).isNotEmpty();

        ApiClient.Response otherDeclarant = submit(token(Role.TRADER, "FR999999999"), Map.of("Content-Type", JSON),
                AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn()));
        assertThat(otherDeclarant.status()).as("another trader's declarant").isEqualTo(422);
        assertThat(otherDeclarant.body()).contains("DECLARANT_NOT_YOU");

        ApiClient.Response latin1 = submit(trader, Map.of("Content-Type", "application/json; charset=ISO-8859-1"),
                AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn()));
        assertThat(latin1.status()).as(latin1.toString()).isEqualTo(415);
        assertThat(latin1.contentType()).startsWith("application/problem+json");
    }

    @Test
    void withoutAValidTokenOrWithAnotherRoleTheChainAndTheControllerAnswer() {
        String body = AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn());
        ApiClient.Response none = submit(null, Map.of("Content-Type", JSON), body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(submit("not-a-token", Map.of("Content-Type", JSON), body).status()).isEqualTo(401);

        String revoked = token(Role.ADMIN, null);
        assertThat(api.post("/api/v1/auth/logout", revoked, JSON, "{}").status()).isBetween(200, 204);
        assertThat(submit(revoked, Map.of("Content-Type", JSON), body).status()).as("a revoked token").isEqualTo(401);

        ApiClient.Response officer = submit(token(Role.OFFICER, null), Map.of("Content-Type", JSON), body);
        assertThat(officer.status()).isEqualTo(403);
        assertThat(officer.contentType()).startsWith("application/problem+json");
        ApiClient.Response analyst = submit(token(Role.ANALYST, null), Map.of("Content-Type", JSON), body);
        assertThat(analyst.status()).isEqualTo(403);
    }

    @Test
    void theRequestMetricStillNamesTheUri() {
        String admin = token(Role.ADMIN, null);
        Timer before = meters.find("http.server.requests").tag("uri", "/api/v1/declarations").tag("method", "POST").tag("status", "201").timer();
        long count = before == null ? 0 : before.count();
        ApiClient.Response r = submit(admin, Map.of("Content-Type", JSON), AbstractIntakeApiTest.example(AbstractIntakeApiTest.lrn()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        // the observation ends after the answer was sent: wait for it (bounded), no time asserted
        long deadline = System.nanoTime() + 5_000_000_000L;
        Timer after;
        do {
            after = meters.find("http.server.requests").tag("uri", "/api/v1/declarations").tag("method", "POST").tag("status", "201").timer();
        } while ((after == null || after.count() <= count) && System.nanoTime() < deadline && sleep());
        assertThat(after).isNotNull();
        assertThat(after.count()).isGreaterThan(count);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
